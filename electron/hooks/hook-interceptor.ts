import type { Logger } from '../core/logger.js';
import type { CallInfo, CallInterceptor } from '../gateway/call-interceptors.js';
import type { RpcOutcome } from '../gateway/json-rpc.js';
import type { HookSettings } from '../settings/settings-schema.js';
import { runCommandHook } from './command-hook.js';
import { hooksFor } from './hook-match.js';
import { HookFailure, hookRequest, parseHookAnswer, type HookDecision } from './hook-protocol.js';
import { runHttpHook } from './http-hook.js';

/**
 * The user's hooks on the call path. Before hooks run in settings order, each seeing the arguments as the one
 * before it left them; the first block stops the call. After hooks do the same with the result. A hook that
 * fails is handled by its `onError`: block the call (the reason names the hook and what went wrong) or let it
 * pass with a warning in the log. `hooks` is read on every call, so a settings change applies at once.
 */
export function hookInterceptor(hooks: () => readonly HookSettings[], logger: Logger): CallInterceptor {
  return {
    before(call) {
      const matching = hooksFor(hooks(), 'before', call);
      // No hook for this call (the usual case): answer at once instead of with a promise.
      return matching.length === 0 ? undefined : runBefore(matching, call);
    },
    after(call, outcome) {
      const matching = hooksFor(hooks(), 'after', call);
      return matching.length === 0 ? undefined : runAfter(matching, call, outcome);
    },
  };

  async function runBefore(matching: readonly HookSettings[], call: CallInfo): Promise<{ deny: string } | { arguments: unknown } | undefined> {
    let args = call.arguments;
    let rewritten = false;
    for (const hook of matching) {
      const decision = await consult(hook, { ...call, arguments: args }, undefined, logger);
      if (decision.action === 'block') return { deny: decision.reason };
      if (decision.action === 'rewrite-arguments') {
        args = decision.arguments;
        rewritten = true;
      }
    }
    return rewritten ? { arguments: args } : undefined;
  }

  async function runAfter(matching: readonly HookSettings[], call: CallInfo, outcome: RpcOutcome): Promise<RpcOutcome | { deny: string } | undefined> {
    let current = outcome;
    let rewritten = false;
    for (const hook of matching) {
      const decision = await consult(hook, call, current, logger);
      if (decision.action === 'block') return { deny: decision.reason };
      if (decision.action === 'rewrite-result') {
        current = { result: decision.result };
        rewritten = true;
      }
    }
    return rewritten ? current : undefined;
  }
}

/** One hook's verdict on one call, with a failure already turned into block or allow. */
async function consult(hook: HookSettings, call: CallInfo, outcome: RpcOutcome | undefined, logger: Logger): Promise<HookDecision> {
  try {
    const decision = parseHookAnswer(await run(hook, JSON.stringify(hookRequest(hook, call, outcome)), logger), hook.when);
    if (decision.action === 'block') return { action: 'block', reason: `hook "${hook.name}" blocked ${call.server} ${call.name}: ${decision.reason}` };
    if (decision.action === 'rewrite-arguments' && call.method === 'resources/read') {
      throw new HookFailure('answered "rewrite" with arguments, but resources/read has no arguments to rewrite');
    }
    return decision;
  } catch (error) {
    const what = error instanceof HookFailure ? error.message : `failed unexpectedly (${String(error)})`;
    const onError = hook.onError ?? (hook.when === 'before' ? 'block' : 'allow');
    if (onError === 'block') return { action: 'block', reason: `hook "${hook.name}" ${what}, and its onError is "block"` };
    logger.warn(`hook "${hook.name}" ${what}; the ${call.method} ${call.server} ${call.name} call goes on (onError "allow")`);
    return { action: 'allow' };
  }
}

function run(hook: HookSettings, input: string, logger: Logger): Promise<string> {
  if (hook.url !== undefined) return runHttpHook({ url: hook.url, body: input, timeoutMs: hook.timeoutMs });
  return runCommandHook({
    command: hook.command ?? [],
    input,
    timeoutMs: hook.timeoutMs,
    onStderr: (text) => logger.info(`hook "${hook.name}" stderr: ${text}`),
  });
}
