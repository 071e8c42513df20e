import { mkdirSync } from 'node:fs';
import { ControlService } from '../control/control-service.js';
import { createControlHandlers } from '../control/control-handlers.js';
import { Gateway } from '../gateway/gateway.js';
import { ListCache } from '../gateway/list-cache.js';
import { DockerRuntime, type ServerRuntime } from '../runtime/docker-runtime.js';
import type { DockerEngineOptions } from '../runtime/docker-engine.js';
import type { ServerDefinition } from '../runtime/server-definition.js';
import type { LaunchPreparer } from './launch-preparer.js';
import { createLogger, type Logger } from './logger.js';
import { packageVersion } from './version.js';

export interface SwitchyardOptions {
  /** The state folder (see paths.ts). Created if missing. */
  home: string;
  servers?: ServerDefinition[];
  logger?: Logger;
  runtime?: ServerRuntime;
  docker?: DockerEngineOptions;
  alwaysPrefix?: boolean;
  idleTimeoutMs?: number;
  /** Completes definitions at start time (catalog templates, secrets); see launch-preparer.ts. */
  prepare?: LaunchPreparer;
}

export interface Switchyard {
  home: string;
  gateway: Gateway;
  control: ControlService;
  logger: Logger;
  close(): Promise<void>;
}

/**
 * The composition root: wires runtime, gateway and control API. The desktop main process, the CLI and the
 * tests all build the engine here, so they run the same code.
 */
export function createSwitchyard(options: SwitchyardOptions): Switchyard {
  mkdirSync(options.home, { recursive: true, mode: 0o700 });
  const logger = options.logger ?? createLogger();
  const runtime = options.runtime ?? new DockerRuntime({ home: options.home, ...options.docker });
  const gateway = new Gateway({
    runtime,
    servers: options.servers ?? [],
    version: packageVersion(),
    logger,
    listCache: new ListCache(options.home),
    ...(options.alwaysPrefix !== undefined ? { alwaysPrefix: options.alwaysPrefix } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    ...(options.prepare ? { prepare: options.prepare } : {}),
  });
  const control = new ControlService(createControlHandlers(gateway));
  const unsubscribe = gateway.onStatus((status) => control.emit('gateway.status', status));
  return {
    home: options.home,
    gateway,
    control,
    logger,
    async close() {
      unsubscribe();
      await gateway.close();
    },
  };
}
