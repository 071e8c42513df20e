import { answerMaxBytes, HookFailure, hookUrlProblem } from './hook-protocol.js';

export interface HttpHookRun {
  url: string;
  /** The request, as JSON text: the POST body. */
  body: string;
  timeoutMs: number;
}

/**
 * POSTs the request to an HTTP hook and resolves with the response body. Redirects are not followed (they could
 * lead plain http off this machine); a non-2xx status, an unreachable endpoint or the timeout throws HookFailure.
 */
export async function runHttpHook({ url, body, timeoutMs }: HttpHookRun): Promise<string> {
  const problem = hookUrlProblem(url);
  if (problem) throw new HookFailure(problem);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, redirect: 'manual', signal });
    const text = await readCapped(response);
    if (response.status < 200 || response.status > 299)
      throw new HookFailure(`answered HTTP ${response.status}${text.trim() ? `: ${text.trim().slice(0, 200)}` : ''}`);
    return text;
  } catch (error) {
    if (error instanceof HookFailure) throw error;
    if (signal.aborted) throw new HookFailure(`did not answer within ${timeoutMs} ms`);
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new HookFailure(`could not be reached at ${url} (${cause ?? (error as Error).message})`);
  }
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    if (bytes > answerMaxBytes) throw new HookFailure(`answered with more than ${answerMaxBytes} bytes`);
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}
