import path from 'node:path';
import * as esbuild from 'esbuild';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiOutcome } from '../../../shared/api.js';
import { apiFromBridge, unwrapOutcome, type SwitchyardBridge } from '../../../shared/bridge.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { fake } from '../main/fake-electron.js';
import { gatewayStatus } from '../main/fixtures.js';

/*
 * shared/bridge.ts: the page's side of `window.switchyard`. Outcomes cross as plain data; apiFromBridge makes
 * the typed API and turns a failed outcome back into a SwitchyardError with its code and hint.
 */
vi.mock('electron', async () => (await import('../main/fake-electron.js')).fakeElectronModule);

const dockerDown: ApiOutcome = {
  ok: false,
  error: { code: 'DOCKER_UNREACHABLE', message: 'Docker is not running.', hint: 'Start Docker Desktop.' },
};

describe('unwrapOutcome', () => {
  it('returns the result of a success', () => {
    const status = gatewayStatus('running');
    expect(unwrapOutcome({ ok: true, result: status })).toBe(status);
  });

  it('throws a failure as a SwitchyardError with its code, message and hint', () => {
    const error = (() => {
      try {
        return unwrapOutcome(dockerDown);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ code: 'DOCKER_UNREACHABLE', message: 'Docker is not running.', hint: 'Start Docker Desktop.' });
  });
});

describe('apiFromBridge', () => {
  function stubBridge(outcome: ApiOutcome) {
    const invocations: Array<[string, unknown]> = [];
    const listeners = new Map<string, (payload: unknown) => void>();
    const bridge: SwitchyardBridge = {
      invoke: async (method, input) => (invocations.push([method, input]), outcome),
      subscribe: (event, listener) => (listeners.set(event, listener), () => listeners.delete(event)),
    };
    return { bridge, invocations, listeners };
  }

  it('maps each domain method to its API method and input, and resolves the result', async () => {
    const status = gatewayStatus('running');
    const { bridge, invocations } = stubBridge({ ok: true, result: status });
    const api = apiFromBridge(bridge);
    await expect(api.gateway.start()).resolves.toEqual(status);
    await api.server.stop({ name: 'fetch' });
    expect(invocations).toEqual([
      ['gateway.start', {}],
      ['server.stop', { name: 'fetch' }],
    ]);
  });

  it('rejects a failed outcome with a SwitchyardError', async () => {
    const { bridge } = stubBridge(dockerDown);
    const error = await apiFromBridge(bridge)
      .server.start({ name: 'fetch' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ code: 'DOCKER_UNREACHABLE', hint: 'Start Docker Desktop.' });
  });

  it('subscribes events through the bridge and unsubscribes', () => {
    const { bridge, listeners } = stubBridge(dockerDown);
    const listener = vi.fn();
    const off = apiFromBridge(bridge).events.on('gateway.status', listener);
    listeners.get('gateway.status')?.(gatewayStatus('stopped'));
    expect(listener).toHaveBeenCalledWith(gatewayStatus('stopped'));
    off();
    expect(listeners.size).toBe(0);
  });
});

describe('apiFromBridge over the preload bridge, as the page receives it (fake electron)', () => {
  let inPage: SwitchyardBridge;
  beforeAll(async () => {
    await import('../../../electron/preload/index.js');
    inPage = fake.contextBridge.inPage.get('switchyard') as SwitchyardBridge;
  });

  it('gets a structured-clone-safe outcome and rethrows a SwitchyardError with the same code and hint', async () => {
    fake.ipcRenderer.route = async () => dockerDown;
    const outcome = await inPage.invoke('gateway.start', {});
    expect(structuredClone(outcome)).toEqual(outcome);
    const error = await apiFromBridge(inPage)
      .gateway.start()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ code: 'DOCKER_UNREACHABLE', message: 'Docker is not running.', hint: 'Start Docker Desktop.' });
  });
});

describe('shared/bridge.ts at runtime', () => {
  it('bundles only zod-free shared/ modules (type imports of shared/api.ts are erased)', async () => {
    const result = await esbuild.build({
      entryPoints: [path.resolve('shared/bridge.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    });
    expect(Object.keys(result.metafile.inputs).sort()).toEqual(['shared/api-client.ts', 'shared/api-method-names.ts', 'shared/bridge.ts', 'shared/errors.ts']);
  });
});
