import { z } from 'zod';
import { apiMethods, type ApiInput } from '../../../../../../shared/api.js';

// The page's Content-Security-Policy forbids eval: zod must not even probe for it.
z.config({ jitless: true });

export interface KeyValueRow {
  key: string;
  value: string;
}

/** What the add-server form holds; every text as typed. */
export interface AddServerValues {
  name: string;
  image: string;
  npm: string;
  url: string;
  transport: 'streamable-http' | 'sse';
  headers: KeyValueRow[];
  env: KeyValueRow[];
  /** ENV name -> secret key (`<server>.<name>`). */
  secrets: KeyValueRow[];
  /** Extra arguments, one per line. */
  command: string;
  network: boolean;
  writable: boolean;
  perSession: boolean;
}

export const emptyAddServerValues: AddServerValues = {
  name: '',
  image: '',
  npm: '',
  url: '',
  transport: 'streamable-http',
  headers: [],
  env: [],
  secrets: [],
  command: '',
  network: false,
  writable: false,
  perSession: false,
};

/** A field's path in the form (`name`, `url`, `headers.0.key`...) -> what is wrong with it. */
export type AddServerProblems = Record<string, string>;

const serverNamePattern = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
const envNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
const secretKeyPattern = /^[a-z0-9][a-z0-9_.-]{0,62}\.[A-Za-z0-9_.-]{1,128}$/;
const envReference = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
// The same header names the engine refuses to store with a credential written out.
const credentialHeader = /^(authorization|proxy-authorization|cookie)$|api[-_]?key|token|secret|password/i;

/**
 * The form's values as a `server.add` input, with the same rules the engine applies (name, exactly one source,
 * the remote URL, headers that reference secrets, no container options for a remote server), each problem on
 * the field that causes it. The input is finally checked with the API's own schema.
 */
export function addServerInput(values: AddServerValues): { input: ApiInput<'server.add'> } | { problems: AddServerProblems } {
  const problems: AddServerProblems = {};
  const name = values.name.trim();
  if (name === '') problems.name = 'Give the server a name, e.g. "my-notes".';
  else if (!serverNamePattern.test(name)) problems.name = 'Use 1-63 lowercase letters, digits, "_", "." or "-", starting with a letter or digit.';

  const image = values.image.trim();
  const npm = values.npm.trim().replace(/^npm:/, '');
  const url = values.url.trim();
  const sources = [image && 'image', npm && 'npm', url && 'url'].filter(Boolean) as Array<'image' | 'npm' | 'url'>;
  if (sources.length === 0) problems.source = 'Fill in one source: a Docker image, an npm package or a remote URL.';
  if (sources.length > 1) for (const source of sources) problems[source] = 'Fill in only one source: clear the others.';

  const rows = (list: KeyValueRow[]) => list.filter((row) => row.key.trim() !== '' || row.value.trim() !== '');
  const env = rows(values.env);
  const secrets = rows(values.secrets);
  const headers = rows(values.headers);

  const secretEnv: Record<string, string> = {};
  secrets.forEach((row, index) => {
    const envName = row.key.trim();
    const key = row.value.trim();
    if (!envNamePattern.test(envName)) problems[`secrets.${index}.key`] = 'A variable name: letters, digits and "_", e.g. API_TOKEN.';
    if (!secretKeyPattern.test(key)) problems[`secrets.${index}.value`] = `A secret key is <server>.<name>, e.g. ${name || 'my-server'}.token.`;
    secretEnv[envName] = key;
  });
  const envValues: Record<string, string> = {};
  env.forEach((row, index) => {
    if (!envNamePattern.test(row.key.trim())) problems[`env.${index}.key`] = 'A variable name: letters, digits and "_", e.g. LOG_LEVEL.';
    envValues[row.key.trim()] = row.value;
  });

  if (url) {
    const urlProblem = remoteUrlProblem(url);
    if (urlProblem) problems.url = urlProblem;
    headers.forEach((row, index) => {
      const references = [...row.value.matchAll(envReference)].map((match) => match[1] ?? '');
      const unmapped = references.find((reference) => secretEnv[reference] === undefined);
      if (row.key.trim() === '') problems[`headers.${index}.key`] = 'Give the header a name, e.g. Authorization.';
      else if (unmapped) problems[`headers.${index}.value`] = `\${${unmapped}} is not mapped to a secret: add it under Secrets.`;
      else if (references.length === 0 && credentialHeader.test(row.key.trim()))
        problems[`headers.${index}.value`] = 'Do not write a credential here (it would be stored in plain text): write ${TOKEN} and map TOKEN to a secret.';
    });
    if (env.length > 0) problems.env = 'A remote server runs no container: environment variables do not apply.';
    if (values.network || values.writable) problems.network = 'A remote server runs no container: network and writable do not apply.';
    if (values.command.trim() !== '') problems.command = 'A remote server runs no container: a command does not apply.';
  }
  if (Object.keys(problems).length > 0) return { problems };

  const command = values.command
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const input: ApiInput<'server.add'> = {
    name,
    ...(image ? { image } : {}),
    ...(npm ? { npm } : {}),
    ...(url
      ? {
          remote: {
            url,
            transport: values.transport,
            ...(headers.length > 0 ? { headers: Object.fromEntries(headers.map((row) => [row.key.trim(), row.value])) } : {}),
          },
        }
      : {}),
    ...(command.length > 0 ? { command } : {}),
    ...(env.length > 0 ? { env: envValues } : {}),
    ...(secrets.length > 0 ? { secretEnv } : {}),
    ...(!url && values.network ? { network: true } : {}),
    ...(!url && values.writable ? { writable: true } : {}),
    ...(values.perSession ? { perSession: true } : {}),
  };
  const checked = apiMethods['server.add'].input.safeParse(input);
  if (!checked.success) return { problems: { form: checked.error.issues.map((issue) => issue.message).join('; ') } };
  return { input };
}

/** The engine's rules for a remote URL: http(s), no credentials in it, plain http only to this machine. */
export function remoteUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Not a valid URL; e.g. https://mcp.example.com/mcp.';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'The URL must start with https:// (http:// only for a server on this machine).';
  if (parsed.username || parsed.password)
    return 'The URL carries a user name or password: remove them and send the credential in a header that references a secret instead.';
  const loopback = parsed.hostname === 'localhost' || parsed.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(parsed.hostname);
  if (parsed.protocol === 'http:' && !loopback) return 'Plain http:// to another machine would send its headers in the clear: use https://.';
  return undefined;
}
