import { describe, expect, it } from 'vitest';
import { accepts, isJsonContentType, mediaTypeOf } from '../../../electron/gateway/http/media-type.js';

describe('media types of HTTP headers', () => {
  it('reads Content-Type as type/subtype, ignoring parameters and case, never by substring', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON ; charset=utf-8')).toBe(true);
    expect(isJsonContentType('text/plain; x=application/json')).toBe(false);
    expect(isJsonContentType('application/jsonx')).toBe(false);
    expect(isJsonContentType('application/json-seq')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
    expect(mediaTypeOf('not a media type')).toBeUndefined();
  });

  it('reads Accept as a list of media ranges, with wildcards, and q=0 as a refusal', () => {
    expect(accepts('application/json, text/event-stream', 'text/event-stream')).toBe(true);
    expect(accepts('*/*', 'application/json')).toBe(true);
    expect(accepts('application/*;q=0.5', 'application/json')).toBe(true);
    expect(accepts('text/plain; x=application/json', 'application/json')).toBe(false);
    expect(accepts('application/json;q=0, text/event-stream', 'application/json')).toBe(false);
    expect(accepts(undefined, 'application/json')).toBe(false);
  });
});
