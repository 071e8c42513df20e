import { homeFingerprint } from '../core/home-fingerprint.js';
import { startHttpEndpoint, type HttpEndpoint } from '../gateway/http/http-endpoint.js';
import type { SocketEndpoint } from '../gateway/socket-endpoint.js';
import { ensureGatewayToken } from '../settings/gateway-token.js';
import { followGatewayToken, openSettingsEngine, startBridgeSocket, type SettingsEngine, type SettingsEngineOptions } from './settings-engine.js';

/** The engine plus its Streamable HTTP endpoint (the desktop app's one gateway for every client). */
export async function openServingEngine(options: SettingsEngineOptions): Promise<SettingsEngine & { http: HttpEndpoint; socket?: SocketEndpoint }> {
  const engine = await openSettingsEngine(options);
  // A stopped Docker engine must not keep the endpoint (and the tray) from coming up: clients get a clear
  // "gateway stopped" answer and the user can start it once Docker runs.
  await engine.app.gateway.start().catch((error: unknown) => options.logger.warn(error instanceof Error ? error.message : String(error)));
  const http = await startHttpEndpoint({
    gateway: engine.app.gateway,
    port: engine.settings.gateway.port,
    token: ensureGatewayToken(engine.store),
    logger: options.logger,
    homeFingerprint: homeFingerprint(options.home),
  });
  options.logger.info(`gateway ready on ${http.url}`);
  const socket = await startBridgeSocket(engine.app.gateway, options.home, options.logger);
  const stopFollowingToken = followGatewayToken(engine.app, http);
  return {
    ...engine,
    http,
    ...(socket ? { socket } : {}),
    async close() {
      stopFollowingToken();
      await Promise.all([http.close(), socket?.close()]);
      await engine.close();
    },
  };
}
