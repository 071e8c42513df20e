import type { CallInfo, CallInterceptor } from './call-interceptors.js';
import type { RpcOutcome } from './json-rpc.js';

export interface PolicyRules {
  /** Calls never relayed: a whole server, or one tool/prompt/resource of it. */
  deny: Array<{ server: string; tool?: string }>;
  /** Block calls whose arguments carry another server's secret, and results that carry any stored secret. */
  leakGuard: 'block' | 'off';
  /** Rules that apply only to the calls of clients attached to a profile, by profile name. */
  profileDeny?: Record<string, Array<{ server: string; tool?: string }>>;
}

/** Where secret values are looked up; the gateway never holds the store itself. */
export interface SecretMatcher {
  /** No secret is stored: the guard has nothing to look for. */
  readonly empty?: boolean;
  found(text: string, exceptServer?: string): string[];
}

/**
 * Allow/deny rules and the secret-leak guard, on the call path. A denied or blocked call is explained to the
 * caller (as a tool error the model can read) and recorded with its reason.
 */
export function policyInterceptor(rules: () => PolicyRules, secrets: SecretMatcher): CallInterceptor {
  return {
    before(call) {
      const matches = (deny: { server: string; tool?: string }) => deny.server === call.server && (deny.tool === undefined || deny.tool === call.name);
      const rule = rules().deny.find(matches);
      if (rule) return { deny: rule.tool ? `${call.server} ${call.name} is denied by your settings.` : `server ${call.server} is denied by your settings.` };
      const profile = call.client.profile;
      const profileRule = profile === undefined ? undefined : rules().profileDeny?.[profile]?.find(matches);
      if (profileRule) {
        return {
          deny: profileRule.tool ? `${call.server} ${call.name} is denied in profile ${profile}.` : `server ${call.server} is denied in profile ${profile}.`,
        };
      }
      if (rules().leakGuard === 'off' || secrets.empty) return undefined;
      const leaked = secrets.found(JSON.stringify(call.arguments ?? {}), call.server);
      if (leaked.length > 0) return { deny: `the arguments contain the value of secret(s) ${leaked.join(', ')}, which belong to another server.` };
      return undefined;
    },
    async after(call: CallInfo, outcome: RpcOutcome) {
      if (rules().leakGuard === 'off' || secrets.empty || !('result' in outcome)) return undefined;
      const leaked = await secretsInValue(outcome.result, secrets);
      if (leaked.length === 0) return undefined;
      const text = `Blocked by Switchyard policy: the result of ${call.server} ${call.name} contained the value of stored secret(s) ${leaked.join(', ')}; it was withheld.`;
      return call.method === 'tools/call' ? { result: { content: [{ type: 'text', text }], isError: true } } : { error: { code: -32603, message: text } };
    },
  };
}

/** After this many characters of a result have been searched, the search lets the event loop run before going on. */
const searchedCharsPerTurn = 4 * 1024 * 1024;

/**
 * Keys of the stored secrets whose value is in any string of `value` (its keys included). Each string is searched
 * as it is, not a serialized copy of the whole result (serializing a 50 MB result would hold the event loop for
 * longer than relaying it), so a value is found even where JSON would escape it; and after every 4 MB searched
 * the event loop gets a turn.
 */
export async function secretsInValue(value: unknown, secrets: SecretMatcher): Promise<string[]> {
  const found = new Set<string>();
  let searched = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    const strings: string[] = [];
    if (typeof next === 'string') strings.push(next);
    else if (typeof next === 'number' || typeof next === 'boolean') strings.push(String(next));
    else if (Array.isArray(next)) pending.push(...next);
    else if (typeof next === 'object' && next !== null) {
      for (const [key, item] of Object.entries(next)) {
        strings.push(key);
        pending.push(item);
      }
    }
    for (const text of strings) {
      for (const key of secrets.found(text)) found.add(key);
      searched += text.length;
      if (searched >= searchedCharsPerTurn) {
        searched = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
  return [...found].sort();
}
