import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { eventually, images, requireDockerAndImages } from './support/docker.js';
import { cliPath, tempHome } from './support/gateway-process.js';
import { freePort, HttpGatewayProcess, httpClient, writeSettings } from './support/http-gateway.js';

/** User hooks (command and HTTP, before and after) and per-call timeouts on the call path of a real gateway. */
describe('hooks and call timeouts', () => {
  const home = tempHome();
  const env = { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home.home, SWITCHYARD_SECRET_BACKEND: 'encrypted-file' };
  let gateway: HttpGatewayProcess;
  let client: Client;
  let hookServer: Server;
  /** What the HTTP after hook received, to check it saw the real result. */
  const httpHookRequests: Array<Record<string, unknown>> = [];
  const text = (result: { content: unknown }) =>
    (result.content as Array<{ type: string; text?: string }>).map((item) => item.text ?? `[${item.type}]`).join('');

  /** A command hook: a node script reading the request from stdin; `answer(request)` returns the JSON answer. */
  const hookScript = (file: string, answer: string) => {
    const script = path.join(home.home, file);
    writeFileSync(
      script,
      `let input = ''; process.stdin.on('data', (c) => (input += c)); process.stdin.on('end', () => { const request = JSON.parse(input); process.stdout.write(JSON.stringify((${answer})(request))); });\n`,
    );
    return [process.execPath, script];
  };

  const records = (status?: string) => {
    const out = execFileSync(process.execPath, [cliPath, 'logs', '--json', '--server', 'every', ...(status ? ['--status', status] : [])], {
      env,
      encoding: 'utf8',
    });
    return out
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { name: string; status: string; error?: string });
  };

  beforeAll(async () => {
    requireDockerAndImages(images.everything);
    hookServer = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const hookRequest = JSON.parse(body) as { result?: { content?: Array<{ type: string }> } };
        httpHookRequests.push(hookRequest);
        const types = (hookRequest.result?.content ?? []).map((item) => item.type).join(',');
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ action: 'rewrite', result: { content: [{ type: 'text', text: `rewritten by the HTTP hook (it saw: ${types})` }] } }));
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(hookServer.address() as { port: number }).port}/after`;

    writeSettings(home.home, {
      gateway: { port: await freePort(), callTimeoutSeconds: 1 },
      servers: { every: { image: images.everything } },
      hooks: [
        {
          name: 'no-sums',
          when: 'before',
          match: { server: 'every', tool: 'get-sum' },
          command: hookScript('no-sums.mjs', `() => ({ action: 'block', reason: 'sums are off today' })`),
        },
        {
          name: 'shout',
          when: 'before',
          match: { tool: 'echo' },
          command: hookScript(
            'shout.mjs',
            `(request) => ({ action: 'rewrite', arguments: { ...request.arguments, message: request.arguments.message.toUpperCase() + ' (via ' + request.hook + ')' } })`,
          ),
        },
        { name: 'env-filter', when: 'after', match: { tool: 'get-env' }, url: hookUrl },
        {
          name: 'stuck-strict',
          when: 'before',
          match: { tool: 'get-annotated-message' },
          command: [process.execPath, '-e', 'setInterval(() => {}, 1000)'],
          timeoutMs: 500,
        },
        {
          name: 'stuck-lenient',
          when: 'after',
          match: { tool: 'get-tiny-image' },
          command: [process.execPath, '-e', 'setInterval(() => {}, 1000)'],
          timeoutMs: 500,
        },
      ],
    });
    gateway = new HttpGatewayProcess(home.home, [], { SWITCHYARD_SECRET_BACKEND: 'encrypted-file' });
    await gateway.ready();
    const token = execFileSync(process.execPath, [cliPath, 'gateway', 'token'], { env, encoding: 'utf8' }).trim();
    client = await httpClient(gateway.url, token, {}, 'hooks-client');
  });

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    await gateway?.stop();
    hookServer?.closeAllConnections();
    await new Promise((resolve) => hookServer?.close(resolve));
    home.remove();
  });

  it('a before command hook blocks a tool: the caller reads the reason and history records it as denied', async () => {
    const blocked = await client.callTool({ name: 'get-sum', arguments: { a: 1, b: 2 } });
    expect(blocked.isError).toBe(true);
    expect(text(blocked)).toContain('hook "no-sums" blocked every get-sum: sums are off today');
    const denied = await eventually(
      () => records('denied'),
      (rows) => rows.some((row) => row.name === 'get-sum'),
    );
    expect(denied.find((row) => row.name === 'get-sum')?.error).toContain('sums are off today');
  });

  it('a before command hook rewrites the arguments the server gets', async () => {
    const echoed = await client.callTool({ name: 'echo', arguments: { message: 'hello' } });
    expect(text(echoed)).toBe('Echo: HELLO (via shout)');
  });

  it('an after HTTP hook rewrites the result, having seen the real one', async () => {
    const result = await client.callTool({ name: 'get-env', arguments: {} });
    expect(text(result)).toBe('rewritten by the HTTP hook (it saw: text)');
    expect(httpHookRequests.at(-1)).toMatchObject({
      hook: 'env-filter',
      when: 'after',
      server: 'every',
      method: 'tools/call',
      name: 'get-env',
      client: { name: 'hooks-client' },
    });
  });

  it('a hook that hangs past its timeout blocks (before, default onError) or lets the call pass (after, default onError)', async () => {
    const blocked = await client.callTool({ name: 'get-annotated-message', arguments: { messageType: 'success' } });
    expect(blocked.isError).toBe(true);
    expect(text(blocked)).toContain('hook "stuck-strict" did not answer within 500 ms (it was stopped), and its onError is "block"');
    const passed = await client.callTool({ name: 'get-tiny-image', arguments: {} });
    expect(passed.isError).toBeFalsy();
    expect((passed.content as Array<{ type: string }>).map((item) => item.type)).toContain('image');
    await eventually(
      () => gateway.stderr,
      (stderr) => stderr.includes('hook "stuck-lenient" did not answer within 500 ms'),
    );
    expect(gateway.stderr).toContain(
      'warn: hook "stuck-lenient" did not answer within 500 ms (it was stopped); the tools/call every get-tiny-image call goes on (onError "allow")',
    );
  });

  it('a call past callTimeoutSeconds answers a timeout error, is recorded as timeout, and the server keeps serving', async () => {
    const slow = await client.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 5, steps: 5 } });
    expect(slow.isError).toBe(true);
    expect(text(slow)).toContain('Timed out: server "every" did not answer tool "trigger-long-running-operation" within 1 s');
    expect(text(slow)).toContain('servers.every.callTimeoutSeconds');
    expect(text(slow)).toContain('gateway.callTimeoutSeconds');

    // The same container answers the next call at once, and again after the abandoned operation would have ended
    // (its late answer is dropped, not delivered to anyone).
    expect(text(await client.callTool({ name: 'echo', arguments: { message: 'next' } }))).toBe('Echo: NEXT (via shout)');
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(text(await client.callTool({ name: 'echo', arguments: { message: 'later' } }))).toBe('Echo: LATER (via shout)');

    const timedOut = await eventually(
      () => records('timeout'),
      (rows) => rows.length > 0,
    );
    expect(timedOut.map((row) => row.name)).toEqual(['trigger-long-running-operation']);
    expect(timedOut[0]?.error).toContain('no answer within the call timeout');
  });
});
