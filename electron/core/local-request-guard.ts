import { timingSafeEqual } from 'node:crypto';

/**
 * Checks shared by every local HTTP endpoint: a browser page on another site must not reach us, neither by a
 * forged Origin nor by DNS rebinding (a hostile name resolving to 127.0.0.1 still sends its own Host).
 */
export function isLocalHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}` || hostHeader === `[::1]:${port}`;
}

/** A missing Origin is a non-browser client (CLI, SDK); a present one must be our own page. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

export function tokensMatch(given: string | null | undefined, expected: string): boolean {
  return tokenMatcher(expected)(given);
}

/** tokensMatch with the expected token encoded once, for a check on every request. */
export function tokenMatcher(expected: string): (given: string | null | undefined) => boolean {
  const want = Buffer.from(expected);
  return (given) => {
    if (!given || Buffer.byteLength(given) !== want.length) return false;
    return timingSafeEqual(Buffer.from(given), want);
  };
}
