/**
 * Redaction of secret values and well-known credential shapes from text (tool results, logs, call records).
 * Pure: no I/O, no state besides the compiled matcher.
 *
 * Known values are found with one RegExp per chunk of values (an escaped alternation, longest first, so at any
 * position the longest value wins), scanning every start position so that overlapping values are all covered;
 * the covered ranges are merged and each run is replaced once. Each value is also looked for in its JSON-string
 * and URL-encoded forms, since tool results are often JSON or URLs. Values shorter than 4 characters are
 * ignored: they would match everywhere and reveal more by their redaction than they hide.
 */

/** A value alone (replaced by `***`) or with its key (replaced by `[redacted:<key>]`). */
export type SecretValue = string | { key: string; value: string };

export interface RedactOptions {
  /** Also redact common credential patterns (Bearer tokens, API key shapes, PEM private keys). Default true. */
  patterns?: boolean;
}

export interface Redactor {
  redact(text: string): string;
  /** How many distinct strings (values and their encodings) are matched. */
  readonly size: number;
}

export const minimumSecretLength = 4;
export const anonymousMask = '***';

/** Alternatives per RegExp: keeps each compiled pattern well below engine limits for thousands of values. */
const chunkSize = 400;

export function redactSecrets(text: string, values: readonly SecretValue[], options: RedactOptions = {}): string {
  return createRedactor(values, options).redact(text);
}

/** Compiles the matcher once, for callers that redact many texts with the same values. */
export function createRedactor(values: readonly SecretValue[], options: RedactOptions = {}): Redactor {
  const labels = new Map<string, string>();
  for (const entry of values) {
    const value = typeof entry === 'string' ? entry : entry.value;
    const label = typeof entry === 'string' ? anonymousMask : `[redacted:${entry.key}]`;
    if (typeof value !== 'string' || value.length < minimumSecretLength) continue;
    for (const form of encodings(value)) {
      const existing = labels.get(form);
      // The same text under two keys: a keyed label beats the anonymous one; otherwise the first key stays.
      if (existing === undefined || (existing === anonymousMask && label !== anonymousMask)) labels.set(form, label);
    }
  }
  const sorted = [...labels.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const matchers: RegExp[] = [];
  for (let start = 0; start < sorted.length; start += chunkSize) {
    matchers.push(
      new RegExp(
        sorted
          .slice(start, start + chunkSize)
          .map(escapeRegExp)
          .join('|'),
        'g',
      ),
    );
  }
  const patterns = options.patterns !== false;

  return {
    size: labels.size,
    redact(text: string): string {
      if (typeof text !== 'string' || text.length === 0) return text;
      const redacted = matchers.length > 0 ? replaceValues(text, matchers, labels) : text;
      return patterns ? redactCredentialPatterns(redacted) : redacted;
    },
  };
}

interface Run {
  start: number;
  end: number;
  labels: Set<string>;
}

function replaceValues(text: string, matchers: readonly RegExp[], labels: ReadonlyMap<string, string>): string {
  const hits: Array<{ start: number; end: number; label: string }> = [];
  for (const matcher of matchers) {
    matcher.lastIndex = 0;
    for (let match = matcher.exec(text); match !== null; match = matcher.exec(text)) {
      hits.push({ start: match.index, end: match.index + match[0].length, label: labels.get(match[0]) ?? anonymousMask });
      // Next search starts one past this start (not past its end), so a value overlapping this one is found too.
      matcher.lastIndex = match.index + 1;
    }
  }
  if (hits.length === 0) return text;
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const runs: Run[] = [];
  for (const hit of hits) {
    const last = runs.at(-1);
    if (last && hit.start < last.end) {
      last.end = Math.max(last.end, hit.end);
      last.labels.add(hit.label);
    } else {
      runs.push({ start: hit.start, end: hit.end, labels: new Set([hit.label]) });
    }
  }
  let out = '';
  let at = 0;
  for (const run of runs) {
    out += text.slice(at, run.start) + runLabel(run.labels);
    at = run.end;
  }
  return out + text.slice(at);
}

/** One label for a merged run: the key when all its values share one, else the keys together, else `***`. */
function runLabel(labels: Set<string>): string {
  const keyed = [...labels].filter((label) => label !== anonymousMask);
  if (keyed.length === 0) return anonymousMask;
  if (keyed.length === 1) return keyed[0] as string;
  return `[redacted:${keyed.map((label) => label.slice('[redacted:'.length, -1)).join(',')}]`;
}

function encodings(value: string): string[] {
  const forms = new Set([value]);
  const json = JSON.stringify(value).slice(1, -1);
  forms.add(json);
  try {
    forms.add(encodeURIComponent(value));
  } catch {
    // A lone surrogate cannot be URL-encoded; the value itself is still matched.
  }
  return [...forms].filter((form) => form.length >= minimumSecretLength);
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** Credential shapes worth hiding even when we do not know the value. Order matters: PEM blocks first. */
const credentialPatterns: ReadonlyArray<{ pattern: RegExp; replace: string }> = [
  // PEM private keys (RSA, EC, OPENSSH, ENCRYPTED, plain PKCS#8), through END or, if cut off, to the end of the text.
  { pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)/g, replace: '[redacted:private-key]' },
  // Authorization: Bearer <token> (anywhere), and Basic credentials after an Authorization header name.
  { pattern: /\b(Bearer)(\s+)[A-Za-z0-9\-._~+/]{8,}=*/gi, replace: `$1$2${anonymousMask}` },
  { pattern: /\b(Authorization["']?\s*[:=]\s*["']?Basic)(\s+)[A-Za-z0-9+/]{8,}=*/gi, replace: `$1$2${anonymousMask}` },
  // Password in a URL: scheme://user:password@host
  { pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:)[^\s@/]+@/gi, replace: `$1${anonymousMask}@` },
  // OpenAI / Anthropic style keys (sk-..., sk-proj-..., sk-ant-...).
  { pattern: /\bsk-[A-Za-z0-9_-]{16,}/g, replace: anonymousMask },
  // Stripe secret and restricted keys.
  { pattern: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/g, replace: anonymousMask },
  // GitHub tokens: classic (ghp_), OAuth (gho_), user-to-server (ghu_), server-to-server (ghs_), refresh (ghr_), fine-grained.
  { pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g, replace: anonymousMask },
  // Slack tokens: bot (xoxb-), user (xoxp-), app-level and others.
  { pattern: /\bxox[abeoprs]-[A-Za-z0-9-]{10,}/g, replace: anonymousMask },
  // AWS access key ids (long-term AKIA, temporary ASIA, and the rarer ABIA/ACCA).
  { pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g, replace: anonymousMask },
  // Google API keys.
  { pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, replace: anonymousMask },
];

/**
 * Every credential pattern above contains one of these; one scan that finds none (almost every text) spares the
 * ten replaces, which is most of what recording a call costs the gateway. Over-matching (case, context) is fine.
 */
const credentialHint = /-----BEGIN|bearer|basic|:\/\/|sk-|k_live_|k_test_|gh[pousr]_|github_pat_|xox|AKIA|ASIA|ABIA|ACCA|AIza/i;

export function redactCredentialPatterns(text: string): string {
  if (!credentialHint.test(text)) return text;
  let out = text;
  for (const { pattern, replace } of credentialPatterns) out = out.replace(pattern, replace);
  return out;
}
