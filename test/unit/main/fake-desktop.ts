import { EventEmitter } from 'node:events';
import type { ElectronParts } from '../../../electron/main/desktop-app.js';
import { FakeIpcMain } from './fake-electron.js';

/**
 * Stand-ins for the parts of Electron the desktop shell uses (electron/main/desktop-app.ts takes them as
 * arguments): they record what the shell asks and let a test fire the events Electron would. Not Electron:
 * no windows, no menus, no OS; the engine behind them in the tests is real.
 */
export class FakeApp extends EventEmitter {
  isPackaged = false;
  locked = true;
  readonly paths = new Map<string, string>();
  quitCalls = 0;
  exitCode: number | undefined;
  loginItem = { openAtLogin: false };
  private readyResolve!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => (this.readyResolve = resolve));

  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  requestSingleInstanceLock(): boolean {
    return this.locked;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** What Electron does once its own start-up is done. */
  becomeReady(): void {
    this.readyResolve();
  }
  quit(): void {
    this.quitCalls += 1;
    // Electron emits before-quit; a listener may prevent it (the shell does, until its engine has closed).
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.emit('quit');
  }
  exit(code: number): void {
    this.exitCode = code;
  }
  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin: boolean } {
    return { ...this.loginItem, wasOpenedAtLogin: false };
  }
  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    this.loginItem = { openAtLogin: settings.openAtLogin };
  }
}

export class FakeWindow extends EventEmitter {
  static created: FakeWindow[] = [];
  visible = false;
  focused = false;
  destroyed = false;
  minimized = false;
  loaded: { file?: string; hash?: string; url?: string } | undefined;
  readonly scripts: string[] = [];
  /** What the main process sent the page (engine events, through ipc-handlers.ts's broadcast). */
  readonly sent: Array<{ channel: string; message: unknown }> = [];
  readonly webContents = {
    executeJavaScript: async (code: string) => void this.scripts.push(code),
    send: (channel: string, message: unknown) => void this.sent.push({ channel, message }),
  };
  static getAllWindows(): FakeWindow[] {
    return FakeWindow.created.filter((window) => !window.destroyed);
  }
  /** The window whose page sent an IPC call (the fake event's sender is the window's webContents). */
  static fromWebContents(contents: unknown): FakeWindow | null {
    return FakeWindow.created.find((window) => window.webContents === contents) ?? null;
  }
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeWindow.created.push(this);
  }
  async loadFile(file: string, options: { hash?: string } = {}): Promise<void> {
    this.loaded = { file, ...(options.hash ? { hash: options.hash } : {}) };
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = { url };
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  getBounds() {
    return { x: 10, y: 20, width: 1000, height: 700 };
  }
  /** The user closes the window: Electron emits close (preventable), then destroys it. */
  userClose(): boolean {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroyed = true;
    return !event.defaultPrevented;
  }
}

export class FakeTray extends EventEmitter {
  static created: FakeTray[] = [];
  image: string;
  menu: Array<Record<string, unknown>> = [];
  tooltip = '';
  readonly menus: Array<Array<Record<string, unknown>>> = [];
  constructor(image: string) {
    super();
    this.image = image;
    FakeTray.created.push(this);
  }
  setImage(image: string): void {
    this.image = image;
  }
  setContextMenu(menu: Array<Record<string, unknown>>): void {
    this.menu = menu;
    this.menus.push(menu);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
}

export class FakeNotification extends EventEmitter {
  static shown: FakeNotification[] = [];
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    FakeNotification.shown.push(this);
  }
}

export function fakeDesktop() {
  FakeWindow.created = [];
  FakeTray.created = [];
  FakeNotification.shown = [];
  const app = new FakeApp();
  const ipcMain = new FakeIpcMain();
  const errors: Array<{ title: string; text: string }> = [];
  /** Links handed to the OS browser. */
  const opened: string[] = [];
  /** Folder pickers opened (the window they were modal to, their options) and the folder each one answers. */
  const folderPickers: Array<{ window: unknown; options: unknown }> = [];
  const pickedFolder = { path: '/home/me/code/site' as string | undefined };
  const session = {
    defaultSession: {
      webRequest: { onHeadersReceived: () => undefined },
      setPermissionRequestHandler: () => undefined,
    },
  };
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    dialog: {
      showErrorBox: (title: string, text: string) => void errors.push({ title, text }),
      showOpenDialog: async (window: unknown, options: unknown) => {
        folderPickers.push({ window, options });
        return pickedFolder.path ? { canceled: false, filePaths: [pickedFolder.path] } : { canceled: true, filePaths: [] };
      },
    },
    ipcMain,
    // The template is what the shell built: a test reads labels and clicks items on it.
    Menu: { buildFromTemplate: (template: unknown) => template },
    Notification: FakeNotification,
    safeStorage: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
    session,
    shell: { openExternal: async (url: string) => void opened.push(url) },
    Tray: FakeTray,
  } as unknown as ElectronParts;
  return { electron, app, ipcMain, errors, opened, folderPickers, pickedFolder };
}
