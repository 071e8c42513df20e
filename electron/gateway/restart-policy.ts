/**
 * How long to wait before starting a server again after `failures` failures in a row: the first retry is
 * immediate (a one-off crash costs nothing), then 1 s, 2 s, 4 s ... up to 30 s, so a server that crashes on
 * every start cannot turn each call into a container churn.
 */
export function restartDelayMs(failures: number): number {
  if (failures <= 1) return 0;
  return Math.min(30_000, 1000 * 2 ** (failures - 2));
}
