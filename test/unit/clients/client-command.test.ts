import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerClientCommands } from '../../../electron/cli/client-command.js';
import { tempHome, testConnector, testToken } from './support.js';

describe('switchyard client ...', () => {
  let home: ReturnType<typeof tempHome>;
  let out: string;
  let err: string;
  beforeEach(() => {
    home = tempHome();
    out = '';
    err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    home.remove();
  });

  async function run(...args: string[]): Promise<void> {
    const program = new Command('switchyard').exitOverride();
    registerClientCommands(program, async () => testConnector(home.home));
    await program.parseAsync(['node', 'switchyard', ...args]);
  }

  it('ls lists every client, as a table or as JSON, without the token', async () => {
    await run('client', 'ls');
    expect(out).toMatch(/^CLIENT\s+INSTALLED\s+STATUS/);
    expect(out).toContain('claude-desktop');
    expect(out).toContain('not-connected');
    out = '';
    await run('client', 'connect', 'cursor');
    await run('client', 'ls', '--json');
    const rows = JSON.parse(out) as Array<{ id: string; global: { state: string } }>;
    expect(rows.find((row) => row.id === 'cursor')?.global.state).toBe('connected');
    expect(out).not.toContain(testToken);
  });

  it('ls lists each project connected from this home under its app, until it is disconnected', async () => {
    const project = path.join(home.home, 'work', 'site');
    mkdirSync(project, { recursive: true });
    await run('client', 'connect', 'cursor', '--project', project);
    out = '';
    await run('client', 'ls');
    const projectFile = path.join(project, '.cursor', 'mcp.json');
    const projectLine = out.split('\n').find((line) => line.startsWith('cursor (project)'));
    expect(projectLine?.split(/\s{2,}/)).toEqual(['cursor (project)', 'connected', projectFile]);
    out = '';
    await run('client', 'ls', '--json');
    const rows = JSON.parse(out) as Array<{ id: string; projects: Array<{ dir: string; state: string }> }>;
    expect(rows.find((row) => row.id === 'cursor')?.projects).toEqual([expect.objectContaining({ dir: project, state: 'connected', file: projectFile })]);
    await run('client', 'disconnect', 'cursor', '--project', project);
    out = '';
    await run('client', 'ls');
    expect(out).not.toContain('(project)');
  });

  it('connect, connect again, disconnect: says what happened and where', async () => {
    await run('client', 'connect', 'gemini-cli');
    const file = path.join(home.home, '.gemini', 'settings.json');
    expect(err).toContain('Gemini CLI connected.');
    expect(err).toContain(`file: ${file} (created)`);
    expect(err).toContain('transport: stdio');
    err = '';
    await run('client', 'connect', 'gemini-cli');
    expect(err).toContain('already connected');
    err = '';
    await run('client', 'disconnect', 'gemini-cli');
    expect(err).toContain('Gemini CLI disconnected.');
    expect(err).toContain(`previous version kept in ${file}.switchyard-backup`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ mcpServers: {} });
  });

  it('connect --dry-run prints the diff and why the transport, and writes nothing; disconnect --dry-run too', async () => {
    const file = path.join(home.home, '.gemini', 'settings.json');
    await run('client', 'connect', 'gemini-cli', '--dry-run');
    expect(out).toContain(`--- ${file}\tnew file`);
    expect(out).toContain('+    "switchyard": {');
    expect(err).toContain(`Dry run: connect would create ${file}. Nothing was written.`);
    expect(err).toContain('transport: stdio — the default: the app launches the `switchyard connect` bridge');
    expect(existsSync(file)).toBe(false);
    out = '';
    err = '';
    await run('client', 'connect', 'gemini-cli', '--transport', 'http', '--dry-run');
    expect(out).toContain('Bearer <gateway token>');
    expect(out).not.toContain(testToken);
    expect(err).toContain('transport: http — as asked with --transport');
    await run('client', 'connect', 'gemini-cli');
    const connected = readFileSync(file, 'utf8');
    out = '';
    err = '';
    await run('client', 'disconnect', 'gemini-cli', '--dry-run');
    expect(out).toContain('-    "switchyard": {');
    expect(err).toContain(`previous version would be kept in ${file}.switchyard-backup`);
    expect(readFileSync(file, 'utf8')).toBe(connected);
  });

  it('--project and --transport', async () => {
    const project = path.join(home.home, 'proj');
    mkdirSync(project);
    await run('client', 'connect', 'claude-code', '--project', project, '--transport', 'http');
    const written = JSON.parse(readFileSync(path.join(project, '.mcp.json'), 'utf8')) as { mcpServers: { switchyard: { type: string } } };
    expect(written.mcpServers.switchyard.type).toBe('http');
    await expect(run('client', 'connect', 'claude-code', '--global', '--project', project)).rejects.toThrow(/either --global or --project/);
    await expect(run('client', 'connect', 'claude-code', '--transport', 'sse')).rejects.toThrow(/Unknown transport/);
  });

  it('snippet prints the text to paste on stdout and where it goes on stderr', async () => {
    await run('client', 'snippet', 'codex', '--transport', 'http');
    expect(out).toBe(`[mcp_servers.switchyard]\nurl = "http://127.0.0.1:8819/mcp"\nhttp_headers = { Authorization = "Bearer ${testToken}" }\n`);
    expect(err).toContain(path.join(home.home, '.codex', 'config.toml'));
    expect(err).toContain('bearer_token_env_var');
  });
});
