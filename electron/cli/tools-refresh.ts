import type { Logger } from '../core/logger.js';
import { openSettingsEngine } from '../app/settings-engine.js';

export interface RefreshIo {
  stderr: { write(text: string): unknown };
}

/**
 * `tools ls --refresh`: starts, one after another, the servers asked for (the one named, or else every enabled
 * server whose tools are not known yet) in an in-process engine, to learn their tools; the list cache keeps
 * them for every later `tools ls` and for the gateway. Each server's progress (image pull, npm build, start)
 * goes to stderr as it happens; no request timeout applies, so a long first build that keeps making progress
 * is never cut short. Returns the names that could not be started.
 */
export async function refreshTools(home: string, logger: Logger, server: string | undefined, io: RefreshIo = { stderr: process.stderr }): Promise<string[]> {
  const engine = await openSettingsEngine({ home, logger, history: false });
  const failed: string[] = [];
  try {
    await engine.app.gateway.start();
    const known = engine.app.gateway.knownTools();
    const targets = server !== undefined ? [server] : known.filter((row) => row.tools.length === 0).map((row) => row.server);
    if (server !== undefined && !known.some((row) => row.server === server)) {
      io.stderr.write(`${server}: not enabled, nothing to refresh (switchyard server enable ${server})\n`);
      return [server];
    }
    for (const [index, name] of targets.entries()) {
      const counter = targets.length > 1 ? `[${index + 1}/${targets.length}] ` : '';
      io.stderr.write(`${counter}${name}: starting\n`);
      let lastProgress = '';
      const stop = engine.app.gateway.onStatus((status) => {
        const pull = status.servers.find((row) => row.name === name)?.pull;
        if (!pull || pull.status === lastProgress) return;
        lastProgress = pull.status;
        io.stderr.write(`${counter}${name}: ${pull.status}${pull.total > 0 ? ` (${pull.current}/${pull.total})` : ''}\n`);
      });
      try {
        await engine.app.gateway.startServer(name);
        const tools = engine.app.gateway.knownTools().find((row) => row.server === name)?.tools.length ?? 0;
        io.stderr.write(`${counter}${name}: ${tools} tool${tools === 1 ? '' : 's'}\n`);
        await engine.app.gateway.stopServer(name);
      } catch (error) {
        failed.push(name);
        const text = error instanceof Error ? error.message : String(error);
        io.stderr.write(`${counter}${name}: could not start: ${text}\n`);
      } finally {
        stop();
      }
    }
    return failed;
  } finally {
    await engine.close();
  }
}
