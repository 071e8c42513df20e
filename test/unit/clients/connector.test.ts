import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../../shared/errors.js';
import { backupSuffix, gatewayFromSettings, redactedToken, listProcessNames, onPath } from '../../../electron/clients/connector.js';
import { SettingsStore } from '../../../electron/settings/settings-store.js';
import { defaultSwitchyardCommand, setSwitchyardCommandResolver, switchyardCommand } from '../../../electron/clients/switchyard-command.js';
import { fakeGateway, repoRoot, tempHome, testConnector, testToken } from './support.js';

describe('ClientConnector', () => {
  let home: ReturnType<typeof tempHome>;
  beforeEach(() => (home = tempHome()));
  afterEach(() => home.remove());

  it('connects every client through the stdio bridge by default: no token is written into any file', async () => {
    const connector = testConnector(home.home);
    for (const client of connector.list()) {
      const result = await connector.connect(client.id);
      expect(result.transport).toBe('stdio');
      expect(readFileSync(result.file, 'utf8')).not.toContain(testToken);
      expect(connector.status(client.id)).toMatchObject({ state: 'connected', transport: 'stdio' });
    }
  });

  it('creates missing folders and files; a file holding the token (--transport http) is 0600', async () => {
    const connector = testConnector(home.home);
    const result = await connector.connect('cursor', { transport: 'http' });
    const file = path.join(home.home, '.cursor', 'mcp.json');
    expect(result).toMatchObject({ changed: true, created: true, file, transport: 'http', restartRequired: false });
    expect(result.backup).toBeUndefined();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      mcpServers: { switchyard: { url: 'http://127.0.0.1:8819/mcp', headers: { Authorization: `Bearer ${testToken}` } } },
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    // Disconnect of a file connect created leaves an empty container, not a missing file.
    await connector.disconnect('cursor');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ mcpServers: {} });
  });

  it('tightens an existing world-readable file when it starts holding the token', async () => {
    const connector = testConnector(home.home);
    const file = connector.configFile('kiro');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{\n  "mcpServers": {}\n}\n');
    chmodSync(file, 0o644);
    await connector.connect('kiro', { transport: 'http' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(file + backupSuffix).mode & 0o777).toBe(0o600);
  });

  it('disconnect gives a tightened file its mode back, and leaves no token in its backup', async () => {
    const connector = testConnector(home.home);
    const file = connector.configFile('kiro');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{\n  "mcpServers": { "other": { "command": "other-server" } }\n}\n');
    chmodSync(file, 0o644);
    await connector.connect('kiro', { transport: 'http' });
    expect(readFileSync(file, 'utf8')).toContain(testToken);
    await connector.disconnect('kiro');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(readFileSync(file, 'utf8')).not.toContain(testToken);
    const backup = readFileSync(file + backupSuffix, 'utf8');
    expect(backup).not.toContain(testToken);
    expect(backup).toContain(redactedToken);
    expect(backup).toContain('other-server');
    expect(statSync(file + backupSuffix).mode & 0o777).toBe(0o600);
    // A file that was 0600 before stays 0600: only a mode Switchyard changed is put back.
    chmodSync(file, 0o600);
    await connector.connect('kiro', { transport: 'http' });
    await connector.disconnect('kiro');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a dedicated file deleted on disconnect leaves a backup without the token', async () => {
    const project = path.join(home.home, 'proj');
    mkdirSync(project);
    const connector = testConnector(home.home);
    const scope = { kind: 'project', dir: project } as const;
    const block = await connector.connect('continue', { scope, transport: 'http' });
    expect(readFileSync(block.file, 'utf8')).toContain(testToken);
    const gone = await connector.disconnect('continue', { scope });
    expect(gone).toMatchObject({ deleted: true });
    expect(readFileSync(gone.backup!, 'utf8')).not.toContain(testToken);
  });

  it('reconnecting after the token changed keeps the old token out of the backup', async () => {
    const gateway = fakeGateway();
    const connector = testConnector(home.home, { gateway });
    await connector.connect('cursor', { transport: 'http' });
    gateway.current = 'a-new-token-after-regeneration-0123';
    const again = await connector.connect('cursor', { transport: 'http' });
    expect(again.changed).toBe(true);
    expect(readFileSync(again.backup!, 'utf8')).not.toContain(testToken);
  });

  it('a project scope must be an existing folder, given as an absolute path', async () => {
    const connector = testConnector(home.home);
    const missing = path.join(home.home, 'no-such-project');
    await expect(connector.connect('vscode', { scope: { kind: 'project', dir: missing } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: `The project folder ${missing} does not exist.`,
      details: { field: 'projectDir', projectDir: missing },
    });
    expect(existsSync(missing)).toBe(false);
    const notAFolder = path.join(home.home, 'a-file');
    writeFileSync(notAFolder, 'x');
    await expect(connector.connect('vscode', { scope: { kind: 'project', dir: notAFolder } })).rejects.toThrow(/is not a directory/);
    await expect(connector.connect('vscode', { scope: { kind: 'project', dir: 'relative/dir' } })).rejects.toThrow(/not an absolute path/);
    expect(existsSync(path.join(process.cwd(), 'relative'))).toBe(false);
  });

  it('writes through a symlinked config (dotfile managers), leaving the link in place', async () => {
    const connector = testConnector(home.home);
    const real = path.join(home.home, 'dotfiles', 'zed-settings.json');
    mkdirSync(path.dirname(real), { recursive: true });
    writeFileSync(real, '{\n  "vim_mode": true\n}\n');
    const link = connector.configFile('zed');
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(real, link);
    await connector.connect('zed');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toContain('"context_servers"');
    await connector.disconnect('zed');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('keeps a byte-order mark', async () => {
    const connector = testConnector(home.home);
    const file = connector.configFile('lm-studio');
    mkdirSync(path.dirname(file), { recursive: true });
    const original = '\ufeff{\n  "mcpServers": {\n    "a": { "url": "https://x" }\n  }\n}\n';
    writeFileSync(file, original);
    await connector.connect('lm-studio');
    expect(readFileSync(file, 'utf8').startsWith('\ufeff{')).toBe(true);
    await connector.disconnect('lm-studio');
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('disconnect when nothing is connected changes nothing, file or not', async () => {
    const connector = testConnector(home.home);
    expect(await connector.disconnect('zed')).toMatchObject({ changed: false });
    expect(existsSync(connector.configFile('zed'))).toBe(false);
  });

  it('writes project-level files, and deletes the Continue block file it owns on disconnect', async () => {
    const project = path.join(home.home, 'src', 'app');
    mkdirSync(project, { recursive: true });
    const connector = testConnector(home.home);
    const vscode = await connector.connect('vscode', { scope: { kind: 'project', dir: project } });
    expect(vscode.file).toBe(path.join(project, '.vscode', 'mcp.json'));
    expect(connector.status('vscode', { kind: 'project', dir: project }).state).toBe('connected');
    expect(connector.status('vscode').state).toBe('not-connected');

    const block = await connector.connect('continue', { scope: { kind: 'project', dir: project }, transport: 'http' });
    expect(block.file).toBe(path.join(project, '.continue', 'mcpServers', 'switchyard.yaml'));
    expect(parseYaml(readFileSync(block.file, 'utf8'))).toMatchObject({
      name: 'Switchyard',
      schema: 'v1',
      mcpServers: [{ name: 'switchyard', type: 'streamable-http', url: 'http://127.0.0.1:8819/mcp' }],
    });
    const gone = await connector.disconnect('continue', { scope: { kind: 'project', dir: project } });
    expect(gone).toMatchObject({ changed: true, deleted: true });
    expect(existsSync(block.file)).toBe(false);
  });

  it('refuses a scope a client does not have', async () => {
    const connector = testConnector(home.home);
    await expect(connector.connect('claude-desktop', { scope: { kind: 'project', dir: home.home } })).rejects.toThrow(/no project-level/);
    await expect(connector.connect('claude-desktop', { transport: 'http' })).rejects.toThrow(/cannot connect over http/);
    expect(() => connector.client('notepad')).toThrow(SwitchyardError);
  });

  it('will not start a Continue config.yaml next to an older config.json', async () => {
    const connector = testConnector(home.home);
    mkdirSync(path.join(home.home, '.continue'));
    writeFileSync(path.join(home.home, '.continue', 'config.json'), '{ "models": [] }');
    await expect(connector.connect('continue')).rejects.toThrow(/config\.json/);
    expect(existsSync(path.join(home.home, '.continue', 'config.yaml'))).toBe(false);
  });

  it('starts a new Continue config.yaml with the header its schema needs', async () => {
    const connector = testConnector(home.home);
    const result = await connector.connect('continue');
    expect(parseYaml(readFileSync(result.file, 'utf8'))).toMatchObject({
      name: 'Local Config',
      version: '1.0.0',
      schema: 'v1',
      mcpServers: [{ name: 'switchyard' }],
    });
  });

  it('uses opencode.jsonc when that is the file the user has', async () => {
    const connector = testConnector(home.home);
    const dir = path.join(home.home, '.config', 'opencode');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'opencode.jsonc'), '{\n  // mine\n  "theme": "opencode",\n}\n');
    const result = await connector.connect('opencode');
    expect(result.file).toBe(path.join(dir, 'opencode.jsonc'));
    expect(readFileSync(result.file, 'utf8')).toContain('// mine');
    expect(existsSync(path.join(dir, 'opencode.json'))).toBe(false);
  });

  it('says when a restart is needed and whether the app is running', async () => {
    const running = testConnector(home.home, { processes: ['bash', 'Claude', 'node'], context: { platform: 'darwin' } });
    const result = await running.connect('claude-desktop');
    expect(result).toMatchObject({ restartRequired: true, running: true, transport: 'stdio' });
    expect(result.hint).toMatch(/Quit Claude Desktop/);

    const stopped = testConnector(home.home, { processes: ['bash'], context: { platform: 'darwin' } });
    await stopped.disconnect('claude-desktop');
    const again = await stopped.connect('claude-desktop');
    expect(again).toMatchObject({ restartRequired: true, running: false });
    expect(again.hint).toMatch(/not running/);

    const unknown = testConnector(home.home, { processes: undefined });
    await unknown.disconnect('claude-desktop');
    const third = await unknown.connect('claude-desktop');
    expect(third.restartRequired).toBe(true);
    expect(third.running).toBeUndefined();
  });

  it('writes SWITCHYARD_HOME into a stdio entry when Switchyard runs from a non-default home', async () => {
    const bridge = { command: process.execPath, args: [path.join(repoRoot, 'bin', 'switchyard.js'), 'connect'], env: { SWITCHYARD_HOME: '/srv/switchyard' } };
    const connector = testConnector(home.home, { bridge });
    const result = await connector.connect('claude-desktop');
    expect(JSON.parse(readFileSync(result.file, 'utf8')).mcpServers.switchyard).toEqual(bridge);
    expect(testConnector(home.home).status('claude-desktop')).toMatchObject({ state: 'stale', reason: expect.stringContaining('SWITCHYARD_HOME') });
  });

  it('reports an entry for another install, a missing command, or a foreign shape as stale', async () => {
    const connector = testConnector(home.home);
    const file = connector.configFile('claude-desktop');
    mkdirSync(path.dirname(file), { recursive: true });
    const write = (entry: unknown) => writeFileSync(file, JSON.stringify({ mcpServers: { switchyard: entry } }));
    write({ command: '/gone/node', args: ['/gone/switchyard.js', 'connect'] });
    expect(connector.status('claude-desktop')).toMatchObject({ state: 'stale', reason: expect.stringContaining('/gone/node no longer exists') });
    write({ command: process.execPath, args: ['/gone/switchyard.js', 'connect'] });
    expect(connector.status('claude-desktop').reason).toContain('/gone/switchyard.js no longer exists');
    write({ command: 'node', args: [] });
    expect(connector.status('claude-desktop').reason).toContain('not an absolute path');
    write({ something: 'else' });
    expect(connector.status('claude-desktop')).toMatchObject({ state: 'stale', reason: expect.stringContaining('not one Switchyard understands') });
    // connect repairs it.
    await connector.connect('claude-desktop');
    expect(connector.status('claude-desktop').state).toBe('connected');
  });

  it('snippets: the exact text per format, with the token for HTTP clients', () => {
    const connector = testConnector(home.home);
    const cursor = connector.snippet('cursor', { transport: 'http' });
    expect(JSON.parse(cursor.text)).toEqual({
      mcpServers: { switchyard: { url: 'http://127.0.0.1:8819/mcp', headers: { Authorization: `Bearer ${testToken}` } } },
    });
    expect(cursor.secretsNote).toMatch(/env:/);
    const codex = connector.snippet('codex', { transport: 'http' });
    expect(parseToml(codex.text)).toEqual({
      mcp_servers: { switchyard: { url: 'http://127.0.0.1:8819/mcp', http_headers: { Authorization: `Bearer ${testToken}` } } },
    });
    const goose = connector.snippet('goose', { transport: 'stdio' });
    expect(parseYaml(goose.text)).toMatchObject({
      extensions: { switchyard: { type: 'stdio', cmd: process.execPath, args: [path.join(repoRoot, 'bin', 'switchyard.js'), 'connect'] } },
    });
    const desktop = connector.snippet('claude-desktop');
    expect(desktop.text).not.toContain(testToken);
  });

  it('creates the gateway token on connect when there is none yet', async () => {
    const gateway = fakeGateway(8819, undefined);
    const connector = testConnector(home.home, { gateway });
    expect(connector.list().find((client) => client.id === 'cursor')?.global.state).toBe('not-connected');
    await connector.connect('cursor', { transport: 'http' });
    expect(gateway.current).toBe(testToken);
    expect(connector.status('cursor').state).toBe('connected');
  });

  it('detects installs by folder or by executable on PATH', () => {
    const bin = path.join(home.home, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'codex'), '#!/bin/sh\n', { mode: 0o755 });
    mkdirSync(path.join(home.home, '.cursor'));
    const connector = testConnector(home.home, { context: { env: { PATH: bin } } });
    expect(connector.detect('codex')).toBe(true);
    expect(connector.detect('cursor')).toBe(true);
    expect(connector.detect('zed')).toBe(false);
    expect(onPath({ platform: 'win32', homedir: 'C:\\', env: { Path: '' } }, 'code')).toBe(false);
    const rows = connector.list();
    expect(rows.map((row) => row.id)).toContain('claude-desktop');
    expect(rows.find((row) => row.id === 'codex')).toMatchObject({ installed: true, hasProjectScope: true, global: { state: 'not-connected' } });
    expect(rows.find((row) => row.id === 'windsurf')).toMatchObject({ installed: false, hasProjectScope: false });
    expect(JSON.stringify(rows)).not.toContain(testToken);
  });
});

describe('gateway settings and the bridge command', () => {
  let home: ReturnType<typeof tempHome>;
  beforeEach(() => (home = tempHome()));
  afterEach(() => home.remove());

  it('reads port and token from a Switchyard home, creating the token once', () => {
    writeFileSync(path.join(home.home, 'settings.json'), JSON.stringify({ version: 1, gateway: { port: 9123 } }));
    const gateway = gatewayFromSettings(new SettingsStore(home.home));
    expect(gateway.port).toBe(9123);
    expect(gateway.token()).toBeUndefined();
    const token = gateway.ensureToken();
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(gatewayFromSettings(new SettingsStore(home.home)).token()).toBe(token);
  });

  it('runs this node with this checkout’s bin/switchyard.js, by absolute paths', () => {
    const command = defaultSwitchyardCommand({});
    expect(command).toEqual({ command: process.execPath, args: [path.join(repoRoot, 'bin', 'switchyard.js'), 'connect'], env: {} });
    expect(existsSync(command.command) && existsSync(command.args[0]!)).toBe(true);
    expect(defaultSwitchyardCommand({ SWITCHYARD_HOME: 'relative/home' }).env.SWITCHYARD_HOME).toBe(path.resolve('relative/home'));
  });

  it('lets the packaged app swap the command in', () => {
    setSwitchyardCommandResolver(() => ({
      command: '/Applications/Switchyard.app/Contents/MacOS/Switchyard',
      args: ['connect'],
      env: { ELECTRON_RUN_AS_NODE: '1' },
    }));
    try {
      expect(switchyardCommand().command).toBe('/Applications/Switchyard.app/Contents/MacOS/Switchyard');
    } finally {
      setSwitchyardCommandResolver(undefined);
    }
    expect(switchyardCommand().command).toBe(process.execPath);
  });

  it('lists running processes (best effort)', async () => {
    const names = await listProcessNames();
    expect(names === undefined || names.length > 0).toBe(true);
  });
});

describe('transport choice', () => {
  let home: ReturnType<typeof tempHome>;
  beforeEach(() => (home = tempHome()));
  afterEach(() => home.remove());

  it('a repair keeps the transport the entry has unless --transport says otherwise', async () => {
    const connector = testConnector(home.home);
    await connector.connect('cursor', { transport: 'stdio' });
    expect((await connector.connect('cursor')).changed).toBe(false);
    expect(connector.status('cursor').transport).toBe('stdio');
    const switched = await connector.connect('cursor', { transport: 'http' });
    expect(switched).toMatchObject({ changed: true, transport: 'http' });
    expect(connector.status('cursor')).toMatchObject({ state: 'connected', transport: 'http' });
  });
});
