/**
 * `Content-Type` and `Accept` read as media types (RFC 9110), never by substring: `text/plain; x=application/json`
 * is text/plain.
 */

/** The media type of a `Content-Type` value, lower-cased, without parameters; undefined when absent or malformed. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) ? type : undefined;
}

/** True when the request body is declared as JSON (`application/json`, any parameters such as charset). */
export function isJsonContentType(contentType: string | undefined): boolean {
  return mediaTypeOf(contentType) === 'application/json';
}

/** The media ranges an `Accept` header lists (parameters and weights dropped, except that q=0 means "not acceptable"). */
function acceptedRanges(accept: string | undefined): string[] {
  if (!accept) return [];
  return accept
    .split(',')
    .map((part) => part.split(';').map((piece) => piece.trim().toLowerCase()))
    .filter((pieces) => !pieces.slice(1).some((parameter) => /^q=0(\.0*)?$/.test(parameter)))
    .map((pieces) => pieces[0]!)
    .filter((range) => range.length > 0);
}

/** True when `Accept` allows this media type (exactly, by `type/*`, or by `*\/*`). */
export function accepts(accept: string | undefined, mediaType: string): boolean {
  const [type] = mediaType.split('/');
  return acceptedRanges(accept).some((range) => range === mediaType || range === `${type}/*` || range === '*/*');
}
