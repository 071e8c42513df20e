import type { CallRecordView } from '../../../../../shared/history-types.js';

/**
 * Whether a call was refused because its remote server needs a sign-in: the engine's answer for it says
 * "needs you to sign in" (see the README, OAuth sign-in), in the recorded error or the error result's preview.
 */
export function callNeedsSignIn(record: CallRecordView): boolean {
  const said = `${record.error ?? ''}\n${record.result?.isError ? (record.result.preview ?? '') : ''}`;
  return /needs you to sign in/.test(said);
}
