/** Resolves true when the promise settles within ms, false otherwise. */
export async function waitUpTo(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = await Promise.race([promise.then(() => true as const), timedOut]);
  clearTimeout(timer);
  return settled;
}
