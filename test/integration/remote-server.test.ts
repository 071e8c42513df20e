import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { containersWithLabels, requireDockerAndImages } from './support/docker.js';
import { tempHome } from './support/gateway-process.js';
import { cli, freePort, startHttpGatewayWithClient, writeSettings, type HttpGatewayProcess } from './support/http-gateway.js';
import { startRemoteMcpServer, type RemoteMcpServer } from './support/remote-mcp-server.js';

/**
 * Remote MCP servers behind the gateway: a real MCP server over HTTP in this process (127.0.0.1) that answers
 * only with its bearer token, configured as a custom remote server (Streamable HTTP and legacy SSE) and as a
 * remote catalog entry, its token kept as a Switchyard secret referenced from a header. No container runs.
 */
describe('remote MCP servers', () => {
  const home = tempHome();
  const token = `remote-token-${Date.now()}-do-not-leak`;
  const env = { SWITCHYARD_SECRET_BACKEND: 'encrypted-file' };
  let remote: RemoteMcpServer;
  let gateway: HttpGatewayProcess;
  let client: Client;

  const run = (args: string[], input?: string) => cli(home.home, args, { env, input });
  const failure = (args: string[]) => {
    try {
      run(args);
    } catch (error) {
      return (error as { stderr: string }).stderr;
    }
    throw new Error(`switchyard ${args.join(' ')} succeeded`);
  };
  const echo = async (tool: string, text: string) => {
    const result = await client.callTool({ name: tool, arguments: { text } });
    return { isError: result.isError === true, text: (result.content as Array<{ text: string }>).map((part) => part.text).join('\n') };
  };

  beforeAll(async () => {
    // The gateway checks the Docker engine when it starts, though a remote server never uses it.
    requireDockerAndImages();
    remote = await startRemoteMcpServer(token);
    writeSettings(home.home, {
      // Stable names while servers come and go: every tool is <server>__<tool>.
      gateway: { port: await freePort(), alwaysPrefix: true },
      customEntries: {
        acme: {
          type: 'remote',
          title: 'Acme (remote)',
          remote: { transport_type: 'streamable-http', url: `${remote.base}/mcp`, headers: { Authorization: 'Bearer ${ACME_API_KEY}' } },
          secrets: [{ name: 'acme.api_key', env: 'ACME_API_KEY' }],
          tools: [{ name: 'echo', description: 'Echoes its text' }],
        },
      },
    });
    run([
      'server',
      'add',
      'hosted',
      '--remote',
      `${remote.base}/mcp`,
      '--header',
      'Authorization=Bearer ${HOSTED_TOKEN}',
      '--secret',
      'hosted.token:HOSTED_TOKEN',
    ]);
    run([
      'server',
      'add',
      'legacy',
      '--remote',
      `${remote.base}/sse`,
      '--transport',
      'sse',
      '--header',
      'Authorization=Bearer ${LEGACY_TOKEN}',
      '--secret',
      'legacy.token:LEGACY_TOKEN',
    ]);
    run(['server', 'enable', 'acme']);
    ({ gateway, client } = await startHttpGatewayWithClient(home.home, env));
  });

  afterAll(async () => {
    await client?.close();
    await gateway?.stop();
    await remote?.close();
    home.remove();
  });

  it('refuses a plain-http URL to another machine and a credential written into a header', () => {
    expect(failure(['server', 'add', 'x', '--remote', 'http://mcp.example.com/mcp'])).toContain('use https://');
    expect(failure(['server', 'add', 'x', '--remote', 'https://mcp.example.com/mcp', '--header', `Authorization=Bearer ${token}`])).toContain(
      'would be stored in settings.json in plain text',
    );
    expect(failure(['server', 'add', 'x', '--remote', 'https://mcp.example.com/mcp', '--header', 'Authorization=Bearer ${NOPE}'])).toContain(
      'references ${NOPE}, which no --secret maps',
    );
  });

  it('shows the URL and the secret it still needs in server inspect and server ls', () => {
    const inspect = run(['server', 'inspect', 'hosted']);
    expect(inspect).toContain('source:  remote server (streamable-http), no container');
    expect(inspect).toContain(`url:     ${remote.base}/mcp`);
    expect(inspect).toContain('secret:  hosted.token -> HOSTED_TOKEN: NOT SET');
    expect(run(['server', 'inspect', 'acme'])).toContain(`url:     ${remote.base}/mcp`);
    expect(run(['server', 'ls'])).toContain(`remote:${remote.base}/sse`);
  });

  it('answers a call to a server whose secret is missing with the MISSING_CONFIG message; the remote server sees nothing', async () => {
    const known = await echo('acme__echo', 'too early');
    expect(known.isError).toBe(true);
    expect(known.text).toContain('secret acme.api_key (ACME_API_KEY)');
    expect(known.text).toContain('switchyard secret set acme.api_key');

    const never = await client.callTool({ name: 'hosted__echo', arguments: { text: 'too early' } }).then(
      () => 'answered',
      (error: Error) => error.message,
    );
    expect(never).toContain('"hosted" cannot start until these secrets are set: hosted.token (HOSTED_TOKEN).');
    expect(never).toContain('switchyard secret set hosted.token');
    expect(remote.requests).toEqual([]);
  });

  it('lists and calls the remote tools through the gateway once the secrets are set (Streamable HTTP, catalog entry, legacy SSE)', async () => {
    for (const key of ['hosted.token', 'legacy.token', 'acme.api_key']) run(['secret', 'set', key], token);
    expect(await untilAnswered(() => echo('hosted__echo', 'hello'))).toEqual({ isError: false, text: 'remote heard: hello' });
    expect(await untilAnswered(() => echo('acme__echo', 'from the catalog'))).toEqual({ isError: false, text: 'remote heard: from the catalog' });
    expect(await untilAnswered(() => echo('legacy__echo', 'old school'))).toEqual({ isError: false, text: 'remote (sse) heard: old school' });
    const tools = (await client.listTools()).tools.map((tool) => tool.name).sort();
    expect(tools).toEqual(['acme__echo', 'hosted__echo', 'legacy__echo']);
    expect(remote.toolCalls).toEqual([
      { transport: 'streamable-http', text: 'hello' },
      { transport: 'streamable-http', text: 'from the catalog' },
      { transport: 'sse', text: 'old school' },
    ]);
    expect(remote.requests.length).toBeGreaterThan(0);
    expect(remote.requests.filter((request) => !request.authorized)).toEqual([]);
    expect(containersWithLabels({ 'io.switchyard.home': home.homeHash })).toEqual([]);
    const status = JSON.parse(run(['server', 'inspect', 'hosted', '--json'])) as { ready: boolean; source: unknown };
    expect(status).toMatchObject({ ready: true, source: { kind: 'remote', url: `${remote.base}/mcp`, transport: 'streamable-http' } });
  });

  it('names the URL, the HTTP status and the fix when the remote server refuses the credentials or the connection', async () => {
    const closedPort = await freePort();
    run(['server', 'add', 'wrong', '--remote', `${remote.base}/mcp`, '--header', 'Authorization=Bearer ${WRONG_TOKEN}', '--secret', 'wrong.token:WRONG_TOKEN']);
    run(['secret', 'set', 'wrong.token'], 'not-the-token');
    run(['server', 'add', 'gone', '--remote', `http://127.0.0.1:${closedPort}/mcp`]);
    const refusal = (tool: string, pattern: RegExp) =>
      untilMatching(
        () =>
          client.callTool({ name: tool, arguments: { text: 'x' } }).then(
            (result) => JSON.stringify(result.content),
            (error: Error) => error.message,
          ),
        pattern,
      );
    const unauthorized = await refusal('wrong__echo', /HTTP 401/);
    expect(unauthorized).toContain(`Remote server at ${remote.base}/mcp refused the credentials: HTTP 401 Unauthorized.`);
    expect(unauthorized).toContain('switchyard secret set wrong.token');
    const refused = await refusal('gone__echo', /ECONNREFUSED/);
    expect(refused).toContain(`Could not connect to remote server at http://127.0.0.1:${closedPort}/mcp: connection refused (ECONNREFUSED).`);
    expect(remote.toolCalls.map((call) => call.text)).not.toContain('x');
  });

  it('never writes the token: not in settings.json (which keeps the ${ENV} reference), the logs, or any file of the home', () => {
    const settings = readFileSync(path.join(home.home, 'settings.json'), 'utf8');
    expect(settings).not.toContain(token);
    expect(settings).toContain('Bearer ${HOSTED_TOKEN}');
    expect(gateway.stderr).not.toContain(token);
    expect(gateway.stderr).not.toContain('not-the-token');
    for (const file of listFiles(home.home)) expect(readFileSync(file).includes(Buffer.from(token)), file).toBe(false);
  });
});

/** Retries while the running gateway catches up with a settings or secret change. */
async function untilAnswered<T extends { isError: boolean }>(call: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await call().catch((error: Error) => ({ isError: true, text: error.message }) as unknown as T);
    if (!outcome.isError || Date.now() > deadline) return outcome;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function untilMatching(call: () => Promise<string>, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await call();
    if (pattern.test(text) || Date.now() > deadline) return text;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const stat = statSync(full);
    // Regular files only: the gateway's unix socket (run/gateway-<pid>.sock) stores nothing and cannot be read.
    return stat.isDirectory() ? listFiles(full) : stat.isFile() ? [full] : [];
  });
}
