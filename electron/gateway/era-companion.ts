import type { RemoteEndpoint } from '../runtime/server-definition.js';
import type { BackendConnection } from './backend-connection.js';
import type { EraVerdict } from './backend-era.js';

/**
 * A remote Streamable HTTP server that speaks both eras is driven in each caller's own era: one connection in
 * the era its first caller needed, and this second one in the other. Over HTTP a connection costs nothing until
 * used (no process, no container), and neither era can stand in for the other: a 2025-era session cannot carry
 * a 2026-07-28 request (the server refuses the version), and a 2026-era call cannot send a 2025 client the
 * sampling or elicitation request the server makes. A stdio container speaks one era per process, so it keeps
 * one connection and the gateway translates (see BackendConnection).
 *
 * Resolves once the companion is attached, or without one when the server turns out to speak one era only (or
 * the second connection fails: the first one then serves every caller, as before).
 */
export async function attachOtherEra(
  primary: BackendConnection,
  verdict: EraVerdict | undefined,
  remote: RemoteEndpoint | undefined,
  clientInfo: { name: string; version: string },
  open: () => Promise<BackendConnection>,
): Promise<void> {
  // Only a server that answered server/discover with 2026-07-28 may speak both eras.
  if (remote?.transport !== 'streamable-http' || verdict?.era !== 'modern') return;
  let other: BackendConnection | undefined;
  try {
    other = await open();
    if (primary.era === 'modern') {
      // A 2026-only server refuses initialize: then it has no 2025 side and the one connection is all there is.
      await other.initialize(clientInfo, 15_000);
    } else {
      await other.open(clientInfo, { probe: true, prefer: 'modern' });
      if (other.era !== 'modern') throw new Error('the second connection did not open in 2026-07-28');
    }
    primary.attachOtherEra(other);
  } catch {
    await other?.close().catch(() => undefined);
  }
}
