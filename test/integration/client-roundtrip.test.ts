import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { ClientConnector, editorFor, gatewayFromSettings } from '../../electron/clients/connector.js';
import { SettingsStore } from '../../electron/settings/settings-store.js';
import { getEntry } from '../../electron/clients/formats/common.js';
import { allClients } from '../../electron/clients/registry.js';
import { defaultSwitchyardCommand } from '../../electron/clients/switchyard-command.js';
import { images, requireDockerAndImages } from './support/docker.js';
import { repoRoot, tempHome } from './support/gateway-process.js';
import { freePort, HttpGatewayProcess, writeSettings } from './support/http-gateway.js';

/**
 * The real round trip: `connect` writes client configs (under a temporary HOME), then the MCP SDK client launches
 * exactly what each entry says (the URL with its headers, or the bridge command with its args and env) and lists
 * the tools of a real server in Docker through the running gateway.
 */
describe('client configs written by connect actually reach the gateway', () => {
  const switchyard = tempHome();
  const clientHome = mkdtempSync(path.join(os.tmpdir(), 'switchyard-client-home-'));
  let gateway: HttpGatewayProcess;
  let connector: ClientConnector;
  const clients: Client[] = [];

  beforeAll(async () => {
    requireDockerAndImages(images.everything);
    if (!existsSync(path.join(repoRoot, 'dist', 'node', 'electron', 'cli', 'index.js'))) {
      throw new Error('dist/node is missing: run `npm run build:node` first (the gateway and the bridge run from the build).');
    }
    const port = await freePort();
    writeSettings(switchyard.home, { servers: { every: { image: images.everything, enabled: true } }, gateway: { port } });
    gateway = new HttpGatewayProcess(switchyard.home);
    const url = await gateway.ready();
    expect(url).toBe(`http://127.0.0.1:${port}/mcp`);
    // As the CLI runs it with SWITCHYARD_HOME set: client configs go to the temporary HOME, never the real one.
    connector = new ClientConnector({
      context: { platform: process.platform, homedir: clientHome, env: {} },
      gateway: () => gatewayFromSettings(new SettingsStore(switchyard.home)),
      bridge: () => defaultSwitchyardCommand({ SWITCHYARD_HOME: switchyard.home }),
      processes: async () => undefined,
    });
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    if (gateway && gateway.child.exitCode === null) await gateway.stop();
    switchyard.remove();
    rmSync(clientHome, { recursive: true, force: true });
  });

  /** Our entry as the client will read it from its file. */
  function entryOf(id: string): unknown {
    const client = allClients.find((candidate) => candidate.id === id)!;
    const file = connector.configFile(id);
    expect(file.startsWith(clientHome)).toBe(true);
    return getEntry(editorFor(client.format).parse(readFileSync(file, 'utf8')), client.location);
  }

  async function listTools(transport: StreamableHTTPClientTransport | StdioClientTransport): Promise<string[]> {
    const client = new Client({ name: 'roundtrip', version: '1.0.0' });
    clients.push(client);
    await client.connect(transport);
    return (await client.listTools()).tools.map((tool) => tool.name);
  }

  it('VS Code (Streamable HTTP, --transport http): the URL and headers from mcp.json reach the gateway', async () => {
    const result = await connector.connect('vscode', { transport: 'http' });
    expect(result).toMatchObject({ changed: true, transport: 'http' });
    const entry = entryOf('vscode') as { type: string; url: string; headers: Record<string, string> };
    expect(entry.type).toBe('http');
    const tools = await listTools(new StreamableHTTPClientTransport(new URL(entry.url), { requestInit: { headers: entry.headers } }));
    expect(tools).toContain('echo');
    expect(connector.status('vscode').state).toBe('connected');
  });

  it('Codex (TOML, Streamable HTTP): url and http_headers from config.toml reach the gateway', async () => {
    await connector.connect('codex', { transport: 'http' });
    const entry = entryOf('codex') as { url: string; http_headers: Record<string, string> };
    const tools = await listTools(new StreamableHTTPClientTransport(new URL(entry.url), { requestInit: { headers: entry.http_headers } }));
    expect(tools).toContain('echo');
  });

  it('Claude Desktop (stdio only): the bridge command from its config relays to the running gateway', async () => {
    const result = await connector.connect('claude-desktop');
    expect(result).toMatchObject({ changed: true, transport: 'stdio', restartRequired: true });
    const entry = entryOf('claude-desktop') as { command: string; args: string[]; env?: Record<string, string> };
    expect(path.isAbsolute(entry.command)).toBe(true);
    expect(path.isAbsolute(entry.args[0]!)).toBe(true);
    const transport = new StdioClientTransport({
      command: entry.command,
      args: entry.args,
      // Exactly the entry, plus the home (as the brief's client would inherit it) and a log level to see the route.
      env: { ...entry.env, SWITCHYARD_HOME: switchyard.home, SWITCHYARD_LOG_LEVEL: 'info' },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const tools = await listTools(transport);
    expect(tools, stderr).toContain('echo');
    expect(stderr).toContain('bridging stdio to the running gateway');
    expect(connector.status('claude-desktop').state).toBe('connected');
  });

  it('Cursor by default (the stdio bridge): the command from mcp.json reaches the gateway; the file holds no token', async () => {
    const result = await connector.connect('cursor');
    expect(result).toMatchObject({ changed: true, transport: 'stdio' });
    expect(readFileSync(connector.configFile('cursor'), 'utf8')).not.toContain(gatewayFromSettings(new SettingsStore(switchyard.home)).token()!);
    const entry = entryOf('cursor') as { command: string; args: string[]; env?: Record<string, string> };
    expect(path.isAbsolute(entry.command)).toBe(true);
    const tools = await listTools(
      new StdioClientTransport({ command: entry.command, args: entry.args, env: { ...entry.env, SWITCHYARD_HOME: switchyard.home }, stderr: 'pipe' }),
    );
    expect(tools).toContain('echo');
    expect(connector.status('cursor').state).toBe('connected');
  });

  it('disconnect and connect again give the same file; the stdio entry holds no token', async () => {
    expect(readFileSync(connector.configFile('claude-desktop'), 'utf8')).not.toContain(gatewayFromSettings(new SettingsStore(switchyard.home)).token()!);
    const before = readFileSync(connector.configFile('vscode'), 'utf8');
    await connector.disconnect('vscode');
    expect(connector.status('vscode').state).toBe('not-connected');
    await connector.connect('vscode', { transport: 'http' });
    expect(readFileSync(connector.configFile('vscode'), 'utf8')).toBe(before);
  });
});
