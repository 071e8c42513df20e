import { describe, expect, it } from 'vitest';
import { allClients } from '../../../electron/clients/registry.js';
import type { PlatformContext, Scope } from '../../../electron/clients/types.js';

const mac: PlatformContext = { platform: 'darwin', homedir: '/Users/ada', env: {} };
const linux: PlatformContext = { platform: 'linux', homedir: '/home/ada', env: {} };
const windows: PlatformContext = { platform: 'win32', homedir: 'C:\\Users\\ada', env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' } };
const global: Scope = { kind: 'global' };

function file(id: string, ctx: PlatformContext, scope: Scope = global): string | undefined {
  const client = allClients.find((candidate) => candidate.id === id)!;
  return client.configFile(ctx, scope)?.candidates[0];
}

/** Global config file per client and OS: what each client's documentation gives (see the client files). */
const expected: Record<string, [mac: string, linux: string, windows: string]> = {
  'claude-desktop': [
    '/Users/ada/Library/Application Support/Claude/claude_desktop_config.json',
    '/home/ada/.config/Claude/claude_desktop_config.json',
    'C:\\Users\\ada\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
  ],
  'claude-code': ['/Users/ada/.claude.json', '/home/ada/.claude.json', 'C:\\Users\\ada\\.claude.json'],
  cursor: ['/Users/ada/.cursor/mcp.json', '/home/ada/.cursor/mcp.json', 'C:\\Users\\ada\\.cursor\\mcp.json'],
  vscode: [
    '/Users/ada/Library/Application Support/Code/User/mcp.json',
    '/home/ada/.config/Code/User/mcp.json',
    'C:\\Users\\ada\\AppData\\Roaming\\Code\\User\\mcp.json',
  ],
  'vscode-insiders': [
    '/Users/ada/Library/Application Support/Code - Insiders/User/mcp.json',
    '/home/ada/.config/Code - Insiders/User/mcp.json',
    'C:\\Users\\ada\\AppData\\Roaming\\Code - Insiders\\User\\mcp.json',
  ],
  vscodium: [
    '/Users/ada/Library/Application Support/VSCodium/User/mcp.json',
    '/home/ada/.config/VSCodium/User/mcp.json',
    'C:\\Users\\ada\\AppData\\Roaming\\VSCodium\\User\\mcp.json',
  ],
  windsurf: [
    '/Users/ada/.codeium/windsurf/mcp_config.json',
    '/home/ada/.codeium/windsurf/mcp_config.json',
    'C:\\Users\\ada\\.codeium\\windsurf\\mcp_config.json',
  ],
  zed: ['/Users/ada/.config/zed/settings.json', '/home/ada/.config/zed/settings.json', 'C:\\Users\\ada\\AppData\\Roaming\\Zed\\settings.json'],
  'gemini-cli': ['/Users/ada/.gemini/settings.json', '/home/ada/.gemini/settings.json', 'C:\\Users\\ada\\.gemini\\settings.json'],
  codex: ['/Users/ada/.codex/config.toml', '/home/ada/.codex/config.toml', 'C:\\Users\\ada\\.codex\\config.toml'],
  continue: ['/Users/ada/.continue/config.yaml', '/home/ada/.continue/config.yaml', 'C:\\Users\\ada\\.continue\\config.yaml'],
  goose: ['/Users/ada/.config/goose/config.yaml', '/home/ada/.config/goose/config.yaml', 'C:\\Users\\ada\\AppData\\Roaming\\Block\\goose\\config\\config.yaml'],
  'lm-studio': ['/Users/ada/.lmstudio/mcp.json', '/home/ada/.lmstudio/mcp.json', 'C:\\Users\\ada\\.lmstudio\\mcp.json'],
  cline: [
    '/Users/ada/Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
    '/home/ada/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
    'C:\\Users\\ada\\AppData\\Roaming\\Code\\User\\globalStorage\\saoudrizwan.claude-dev\\settings\\cline_mcp_settings.json',
  ],
  opencode: ['/Users/ada/.config/opencode/opencode.json', '/home/ada/.config/opencode/opencode.json', 'C:\\Users\\ada\\.config\\opencode\\opencode.json'],
  kiro: ['/Users/ada/.kiro/settings/mcp.json', '/home/ada/.kiro/settings/mcp.json', 'C:\\Users\\ada\\.kiro\\settings\\mcp.json'],
};

/** Project-level file for a project folder, per client (undefined: the client has none). */
const projectFiles: Record<string, string | undefined> = {
  'claude-desktop': undefined,
  'claude-code': '.mcp.json',
  cursor: '.cursor/mcp.json',
  vscode: '.vscode/mcp.json',
  'vscode-insiders': '.vscode/mcp.json',
  vscodium: '.vscode/mcp.json',
  windsurf: undefined,
  zed: '.zed/settings.json',
  'gemini-cli': '.gemini/settings.json',
  codex: '.codex/config.toml',
  continue: '.continue/mcpServers/switchyard.yaml',
  goose: undefined,
  'lm-studio': undefined,
  cline: undefined,
  opencode: 'opencode.json',
  kiro: '.kiro/settings/mcp.json',
};

describe('config file locations (a pure function of platform, home and environment)', () => {
  it('covers every client', () => {
    expect(Object.keys(expected).sort()).toEqual(allClients.map((client) => client.id).sort());
    expect(Object.keys(projectFiles).sort()).toEqual(allClients.map((client) => client.id).sort());
  });

  for (const [id, [onMac, onLinux, onWindows]] of Object.entries(expected)) {
    it(`${id}: macOS, Linux, Windows`, () => {
      expect(file(id, mac)).toBe(onMac);
      expect(file(id, linux)).toBe(onLinux);
      expect(file(id, windows)).toBe(onWindows);
    });
  }

  for (const [id, relative] of Object.entries(projectFiles)) {
    it(`${id}: project level`, () => {
      expect(file(id, linux, { kind: 'project', dir: '/home/ada/src/app' })).toBe(relative ? `/home/ada/src/app/${relative}` : undefined);
      expect(file(id, windows, { kind: 'project', dir: 'D:\\src\\app' })).toBe(relative ? `D:\\src\\app\\${relative.replaceAll('/', '\\')}` : undefined);
    });
  }

  it('follows XDG_CONFIG_HOME on Linux where the client does', () => {
    const xdg: PlatformContext = { ...linux, env: { XDG_CONFIG_HOME: '/xdg' } };
    expect(file('vscode', xdg)).toBe('/xdg/Code/User/mcp.json');
    expect(file('claude-desktop', xdg)).toBe('/xdg/Claude/claude_desktop_config.json');
    expect(file('zed', xdg)).toBe('/xdg/zed/settings.json');
    expect(file('goose', xdg)).toBe('/xdg/goose/config.yaml');
    expect(file('opencode', xdg)).toBe('/xdg/opencode/opencode.json');
    expect(file('cursor', xdg)).toBe('/home/ada/.cursor/mcp.json');
    // A relative XDG_CONFIG_HOME is invalid by the spec and ignored.
    expect(file('vscode', { ...linux, env: { XDG_CONFIG_HOME: 'relative' } })).toBe('/home/ada/.config/Code/User/mcp.json');
  });

  it('follows APPDATA on Windows, with the usual default when it is unset', () => {
    expect(file('vscode', { ...windows, env: { APPDATA: 'E:\\Roaming' } })).toBe('E:\\Roaming\\Code\\User\\mcp.json');
    expect(file('claude-desktop', { ...windows, env: {} })).toBe('C:\\Users\\ada\\AppData\\Roaming\\Claude\\claude_desktop_config.json');
  });

  it("honours the clients' own home variables", () => {
    expect(file('codex', { ...linux, env: { CODEX_HOME: '/opt/codex' } })).toBe('/opt/codex/config.toml');
    expect(file('claude-code', { ...linux, env: { CLAUDE_CONFIG_DIR: '/opt/claude' } })).toBe('/opt/claude/.claude.json');
    expect(file('continue', { ...windows, env: { CONTINUE_GLOBAL_DIR: 'E:\\continue' } })).toBe('E:\\continue\\config.yaml');
  });

  it('offers opencode.jsonc as a second name', () => {
    const client = allClients.find((candidate) => candidate.id === 'opencode')!;
    expect(client.configFile(linux, global)?.candidates).toEqual(['/home/ada/.config/opencode/opencode.json', '/home/ada/.config/opencode/opencode.jsonc']);
  });

  it('gives folders to detect installs on every OS', () => {
    for (const client of allClients) {
      for (const ctx of [mac, linux, windows]) {
        const dirs = client.detectPaths(ctx);
        expect(dirs.length, client.id).toBeGreaterThan(0);
        for (const dir of dirs) expect(dir.startsWith(ctx.platform === 'win32' ? 'C:\\' : '/'), `${client.id} ${dir}`).toBe(true);
      }
    }
  });
});
