import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../../shared/errors.js';
import { silentLogger } from '../../../electron/core/logger.js';
import { ControlService } from '../../../electron/control/control-service.js';
import { startWebServer } from '../../../electron/control/web-server.js';
import { fakeHandlers } from './support/fake-handlers.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function holdPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => server.close());
  return { server, port: (server.address() as { port: number }).port };
}

describe('startWebServer on a port that is taken', () => {
  it('fails with an error naming the port and the --ui-port flag, not a raw EADDRINUSE', async () => {
    const { port } = await holdPort();
    const staticDir = mkdtempSync(path.join(tmpdir(), 'switchyard-web-port-'));
    cleanups.push(() => rmSync(staticDir, { recursive: true, force: true }));
    const started = startWebServer({ control: new ControlService(fakeHandlers()), staticDir, port, logger: silentLogger });
    const error = await started.then(
      () => expect.fail('the UI started on a port another program holds'),
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SwitchyardError);
    expect((error as SwitchyardError).code).toBe('INVALID_INPUT');
    expect((error as SwitchyardError).message).toContain(`UI port ${port}`);
    expect((error as SwitchyardError).hint).toContain('--ui-port');
    expect((error as Error).message).not.toContain('EADDRINUSE');
  });
});
