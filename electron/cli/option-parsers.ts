import { SwitchyardError } from '../../shared/errors.js';

/** `--env KEY=VALUE` pairs; a malformed pair is refused with the exact option that was wrong. */
export function parseEnvAssignments(pairs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq) : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new SwitchyardError('INVALID_INPUT', `--env "${pair}" is not KEY=VALUE.`, 'Example: --env API_URL=https://example.com');
    }
    env[key] = pair.slice(eq + 1);
  }
  return env;
}

/** `ghcr.io/acme/mcp-github:1.2` -> `mcp-github`; a stable, label-safe default server name. */
export function serverNameFromImage(image: string): string {
  const withoutDigest = image.split('@')[0] ?? image;
  const lastSegment = withoutDigest.split('/').pop() ?? withoutDigest;
  const repo = lastSegment.split(':')[0] ?? lastSegment;
  const name = repo
    .toLowerCase()
    .replace(/[^a-z0-9_.-]/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return name.slice(0, 63) || 'server';
}

/** An integer option within bounds, or a clear error naming the option. */
export function parseNumberOption(option: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const number = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new SwitchyardError('INVALID_INPUT', `${option} "${value}" must be a whole number from ${min} to ${max}.`);
  }
  return number;
}

/**
 * Tool arguments from the command line: `key=value` pairs, where a value that reads as JSON (a number, true,
 * an object...) is taken as such and anything else as text; `--args '{...}'` gives the whole object at once
 * and pairs then add to it. `key:=text` forces text (for a string that looks like a number).
 */
export function parseToolArguments(pairs: string[], argsJson?: string): Record<string, unknown> {
  let args: Record<string, unknown> = {};
  if (argsJson !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(argsJson);
    } catch (error) {
      throw new SwitchyardError('INVALID_INPUT', `--args is not valid JSON: ${(error as Error).message}`, `Example: --args '{"message": "hi"}'`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new SwitchyardError('INVALID_INPUT', '--args must be a JSON object.', `Example: --args '{"message": "hi"}'`);
    args = parsed as Record<string, unknown>;
  }
  for (const pair of pairs) {
    const match = /^([^=:]+)(:?=)([\s\S]*)$/.exec(pair);
    if (!match)
      throw new SwitchyardError('INVALID_INPUT', `Tool argument "${pair}" is not key=value.`, 'Example: switchyard tools call echo message=hello count=3');
    const [, key = '', operator, raw = ''] = match;
    args[key.trim()] = operator === ':=' ? raw : jsonOrText(raw);
  }
  return args;
}

function jsonOrText(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** A value typed on the command line: JSON when it parses (numbers, true/false, arrays, objects), else the text itself. */
export function parseJsonOrText(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
