import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { openSettingsEngine, type SettingsEngine } from '../../electron/app/settings-engine.js';
import { createLogger } from '../../electron/core/logger.js';
import { createControlService } from '../../electron/control/create-control.js';
import type { ControlService } from '../../electron/control/control-service.js';
import { openSecretStore } from '../../electron/secrets/open-secret-store.js';
import { images, requireDockerAndImages } from './support/docker.js';
import { tempHome } from './support/gateway-process.js';
import { writeSettings } from './support/http-gateway.js';

/**
 * A server that prints its environment (secrets included) and exits: the caller's error, the control API's
 * status and events, and the gateway's log carry the redacted text, never the stored secret's value.
 */
describe('a server that prints its secrets on stderr', () => {
  const home = tempHome();
  const secret = `sk-hostile-${randomBytes(12).toString('hex')}`;
  // Not a credential shape the pattern redaction knows: only the stored value can hide it.
  const plainSecret = `plain${randomBytes(9).toString('hex')}`;
  const logLines: string[] = [];
  const events: string[] = [];
  let engine: SettingsEngine;
  let client: Client;
  let control: ControlService;
  const backendBefore = process.env.SWITCHYARD_SECRET_BACKEND;

  beforeAll(async () => {
    requireDockerAndImages(images.hostile);
    process.env.SWITCHYARD_SECRET_BACKEND = 'encrypted-file';
    const store = await openSecretStore({ home: home.home, backend: 'encrypted-file' });
    await store.set('hostile.api_key', secret);
    await store.set('hostile.plain', plainSecret);
    writeSettings(home.home, {
      servers: {
        hostile: { image: images.hostile, secretEnv: { API_KEY: 'hostile.api_key', PLAIN_TOKEN: 'hostile.plain' }, env: { AFTER: 'last-line' } },
      },
    });
    engine = await openSettingsEngine({ home: home.home, logger: createLogger('debug', (line) => logLines.push(line)), history: false });
    control = createControlService(engine.app);
    control.onEvent((event, payload) => events.push(`${event} ${JSON.stringify(payload)}`));
    await engine.app.gateway.start();
    const [clientSide, gatewaySide] = InMemoryTransport.createLinkedPair();
    await engine.app.gateway.connect(gatewaySide);
    client = new Client({ name: 'hostile-stderr-test', version: '1.0.0' });
    await client.connect(clientSide);
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await engine?.close();
    if (backendBefore === undefined) delete process.env.SWITCHYARD_SECRET_BACKEND;
    else process.env.SWITCHYARD_SECRET_BACKEND = backendBefore;
    home.remove();
  });

  it('redacts the values in the caller error, gateway.status, events and log lines', async () => {
    let callerError: string;
    try {
      const result = await client.callTool({ name: 'env_and_exit', arguments: { code: 3 } });
      callerError = JSON.stringify(result);
    } catch (error) {
      callerError = String(error);
    }
    expect(callerError).toContain('exited with code 3');
    expect(callerError).toContain('Last stderr lines');

    const status = await control.dispatch('gateway.status', {});
    expect(status.ok).toBe(true);
    const tail = (status as { result: { servers: Array<{ name: string; stderrTail: string[]; error?: string }> } }).result.servers.find(
      (server) => server.name === 'hostile',
    )!;
    // The environment reached the log view, with the values replaced by their keys.
    expect(tail.stderrTail).toContain('API_KEY=[redacted:hostile.api_key]');
    expect(tail.stderrTail).toContain('PLAIN_TOKEN=[redacted:hostile.plain]');
    expect(tail.stderrTail).toContain('AFTER=last-line');

    const everything = [callerError, JSON.stringify(status), tail.error ?? '', ...events, ...logLines].join('\n');
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(plainSecret);
    expect(events.some((event) => event.includes('[redacted:hostile.'))).toBe(true);
  }, 60_000);
});
