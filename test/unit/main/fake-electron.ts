import { EventEmitter } from 'node:events';
import { FakeSafeStorage } from '../secrets/support/fixtures.js';
import type { registerIpcHandlers } from '../../../electron/main/ipc-handlers.js';

/** Electron's IpcMain type, named without importing electron (the lint boundary covers tests too). */
export type IpcMain = Parameters<typeof registerIpcHandlers>[0];

/**
 * A stand-in for the `electron` module, installed with vi.mock('electron'). It records what our code asks of
 * Electron and routes IPC between a fake ipcRenderer and a fake ipcMain in the same process. It models only
 * what these tests need; it is not Electron (no processes, no windows, and contextBridge's copying only as
 * far as copiedByContextBridge below goes).
 */
type InvokeHandler = (event: { senderFrame: { url: string } | null; sender?: unknown }, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    // Electron throws on a second handler for one channel; so does the fake, to catch double registration.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Invokes a handler as a frame at `senderUrl` would (null: the frame is gone), of the page of `sender` when given. */
  async invokeFrom(senderUrl: string | null, channel: string, input: unknown, sender?: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: senderUrl === null ? null : { url: senderUrl }, ...(sender === undefined ? {} : { sender }) }, input);
  }
}

export class FakeWebContents {
  readonly sent: Array<{ channel: string; message: unknown }> = [];
  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message });
    fake.ipcRenderer.emit(channel, { sender: 'fake-ipc-renderer-event' }, message);
  }
}

export class FakeBrowserWindow {
  static all: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all;
  }
  readonly webContents = new FakeWebContents();
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

class FakeIpcRenderer extends EventEmitter {
  readonly invocations: Array<{ channel: string; input: unknown }> = [];
  /** Where invoke goes; tests point it at a FakeIpcMain or answer directly. */
  route: (channel: string, input: unknown) => Promise<unknown> = () => Promise.reject(new Error('no route'));
  invoke(channel: string, input: unknown): Promise<unknown> {
    this.invocations.push({ channel, input });
    return this.route(channel, input);
  }
}

class FakeContextBridge {
  /** What the preload handed over, as the preload sees it. */
  readonly exposed = new Map<string, unknown>();
  /** What the page would get instead: the same, as copiedByContextBridge copies it. */
  readonly inPage = new Map<string, unknown>();
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
    this.inPage.set(key, copiedByContextBridge(api));
  }
}

/**
 * A model of how contextBridge copies a value between the preload's world and the page's, after Electron's
 * documentation: objects are copied without their prototype (a class instance arrives as a plain object),
 * functions are proxied with their arguments and results copied the same way, a returned promise is proxied,
 * and an Error, thrown or rejected, arrives as a bare Error that keeps only its message: class, code and hint
 * are lost (electron/electron#25596). Not a full model (no cycles, no Map/Set, no symbols).
 */
export function copiedByContextBridge(value: unknown): unknown {
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    return (...args: unknown[]) => {
      let result: unknown;
      try {
        result = fn(...args.map(copiedByContextBridge));
      } catch (error) {
        throw copiedError(error);
      }
      return copiedByContextBridge(result);
    };
  }
  if (value instanceof Promise) {
    return value.then(copiedByContextBridge, (error: unknown) => {
      throw copiedError(error);
    });
  }
  if (value instanceof Error) return new Error(value.message);
  if (Array.isArray(value)) return value.map(copiedByContextBridge);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copiedByContextBridge(item)]));
  }
  return value;
}

function copiedError(error: unknown): unknown {
  return error instanceof Error ? new Error(error.message) : copiedByContextBridge(error);
}

export const fake = {
  ipcRenderer: new FakeIpcRenderer(),
  contextBridge: new FakeContextBridge(),
  /** Electron's safeStorage: real AES-GCM under a key only this process holds, like the OS-held key. */
  safeStorage: new FakeSafeStorage(),
  /** Clears recorded calls and listeners; the objects stay, since modules under test hold them. */
  reset(): void {
    fake.ipcRenderer.removeAllListeners();
    fake.ipcRenderer.invocations.length = 0;
    FakeBrowserWindow.all = [];
  },
};

/** The module object vi.mock('electron') returns. */
export const fakeElectronModule = {
  BrowserWindow: FakeBrowserWindow,
  ipcRenderer: fake.ipcRenderer,
  contextBridge: fake.contextBridge,
  safeStorage: fake.safeStorage,
};
