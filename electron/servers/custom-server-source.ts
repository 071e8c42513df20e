import { SwitchyardError } from '../../shared/errors.js';
import { envReferences } from '../catalog/launch-plan.js';
import { checkNpmSpec } from '../runtime/npm-package-spec.js';
import { checkRemoteUrl, type RemoteEndpoint } from '../runtime/server-definition.js';

/**
 * Where a custom server comes from, from the add options: a Docker image, or an npm package whose image is
 * built on first use. Exactly one; an npm spec is checked here so a bad one never reaches settings.json.
 */
export function customServerSource(given: { image?: string; npm?: string }): { image: string } | { npm: string } {
  // `npm:@scope/pkg@1.2.3` (the catalog's way to name a package) works as --npm and as --image alike.
  const npm = (given.npm ?? (given.image?.startsWith('npm:') ? given.image : undefined))?.replace(/^npm:/, '');
  const options = { ...(npm !== undefined ? { npm } : {}), ...(given.image !== undefined && !given.image.startsWith('npm:') ? { image: given.image } : {}) };
  if (options.image !== undefined && options.npm !== undefined) {
    throw new SwitchyardError(
      'INVALID_INPUT',
      'Give either --image or --npm, not both.',
      'Example: switchyard server add mem --npm @modelcontextprotocol/server-memory',
    );
  }
  if (options.npm !== undefined) {
    const problem = checkNpmSpec(options.npm);
    if (problem) throw new SwitchyardError('INVALID_INPUT', problem);
    return { npm: options.npm };
  }
  if (options.image === undefined || options.image === '') {
    throw new SwitchyardError(
      'INVALID_INPUT',
      'A custom server needs --image REF or --npm PACKAGE.',
      'Example: switchyard server add mem --npm @modelcontextprotocol/server-memory',
    );
  }
  return { image: options.image };
}

/**
 * A remote server from the add options: its URL (https, or plain http to this machine), transport and headers.
 * A header value may reference a secret as `${ENV}`, which `secretEnv` maps to the secret's key; a credential
 * written straight into a header is refused, since it would sit in settings.json in plain text.
 */
export function remoteServerSource(options: { remote: string; transport?: string; headers: Record<string, string>; secretEnv: Record<string, string> }): {
  remote: RemoteEndpoint;
} {
  const problem = checkRemoteUrl(options.remote);
  if (problem) throw new SwitchyardError('INVALID_INPUT', `${problem}.`);
  const transport = options.transport ?? 'streamable-http';
  if (transport !== 'streamable-http' && transport !== 'sse') {
    throw new SwitchyardError(
      'INVALID_INPUT',
      `--transport "${transport}" is not one of: streamable-http, sse.`,
      'Most servers speak streamable-http; the older ones (URLs often ending in /sse) speak sse.',
    );
  }
  const headers = checkHeaders(options.headers);
  const example = `--header 'Authorization=Bearer \${TOKEN}' --secret <server>.token:TOKEN`;
  for (const [name, value] of Object.entries(headers)) {
    const references = envReferences(value);
    const unmapped = references.filter((reference) => options.secretEnv[reference] === undefined);
    if (unmapped.length > 0) {
      throw new SwitchyardError(
        'INVALID_INPUT',
        `--header "${name}" references \${${unmapped[0]}}, which no --secret maps.`,
        `Map it to a secret: --secret <server>.<name>:${unmapped[0]}, then: switchyard secret set <server>.<name>`,
      );
    }
    if (references.length === 0 && credentialHeader.test(name)) {
      throw new SwitchyardError(
        'INVALID_INPUT',
        `--header "${name}" carries a credential written out, which would be stored in settings.json in plain text.`,
        `Keep it in a secret and reference it: ${example}, then: switchyard secret set <server>.token`,
      );
    }
  }
  return { remote: { url: options.remote, transport, ...(Object.keys(headers).length > 0 ? { headers } : {}) } };
}

/** A custom server as the CLI's `server add` and the control API's `server.add` describe it. */
export interface CustomServerInput {
  image?: string;
  npm?: string;
  remote?: { url: string; transport?: string; headers?: Record<string, string> };
  command?: string[];
  env?: Record<string, string>;
  /** `{ENV_NAME: "<server>.<secret>"}`: the secret's value reaches the server as that variable (or header reference). */
  secretEnv?: Record<string, string>;
  network?: boolean;
  writable?: boolean;
  perSession?: boolean;
  enabled?: boolean;
}

/** Header names whose value is a credential: such a value must come from a secret. */
const credentialHeader = /^(authorization|proxy-authorization|cookie)$|api[-_]?key|token|secret|password/i;

/** `--header Name=Value` pairs as a record; a malformed pair is refused without repeating it (it may hold a credential). */
export function parseHeaderPairs(pairs: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new SwitchyardError('INVALID_INPUT', 'A --header is not Name=Value (not repeated here).', headerExample);
    headers[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  return headers;
}

/** Header names are HTTP tokens; values carry no line breaks. Errors name the header, never its value. */
function checkHeaders(headers: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(headers)) {
    // Not echoed: a mistyped name ("Authorization: Bearer ...") may hold the credential itself.
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      throw new SwitchyardError('INVALID_INPUT', 'A header name is not a valid HTTP header name (not repeated here).', headerExample);
    if (/[\r\n\0]/.test(value)) throw new SwitchyardError('INVALID_INPUT', `Header "${name}" has a line break or NUL in its value.`);
  }
  return headers;
}

const headerExample = `Example: --header 'Authorization=Bearer \${TOKEN}' --secret <server>.token:TOKEN`;
