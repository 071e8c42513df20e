import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { images, requireDockerAndImages } from './support/docker.js';
import { tempHome } from './support/gateway-process.js';
import { cli, freePort, startHttpGatewayWithClient, writeSettings, type HttpGatewayProcess } from './support/http-gateway.js';

/**
 * A catalog server that needs a secret and a config value: refused with a message naming both and the commands
 * that set them; then started with exactly those; restarted when its config changes while running. The
 * secret value never lands in the settings file, the gateway's logs or any Switchyard file in plain text.
 */
describe('catalog entries with secrets and config', () => {
  const home = tempHome();
  const secretValue = `sk-test-${Date.now()}-do-not-leak`;
  const env = { SWITCHYARD_SECRET_BACKEND: 'encrypted-file' };
  let gateway: HttpGatewayProcess;
  let client: Client;

  const run = (args: string[], input?: string) => cli(home.home, args, { env, input });
  const runWithStderr = (args: string[]) => {
    try {
      run(args);
      return { code: 0, stderr: '' };
    } catch (error) {
      const failure = error as { status: number; stderr: string };
      return { code: failure.status, stderr: failure.stderr };
    }
  };
  const envNames = async () => {
    const result = await client.callTool({ name: 'get-env', arguments: {} });
    const text = (result.content as Array<{ text: string }>)[0]!.text;
    return { result, text, vars: JSON.parse(text) as Record<string, string> };
  };

  beforeAll(async () => {
    requireDockerAndImages(images.everything);
    writeSettings(home.home, {
      gateway: { port: await freePort() },
      // get-env shows variable values; with the leak guard on, its result would be withheld once the gateway has
      // read the secret (tested in policy.test.ts). Here it is the witness of what the container received.
      policy: { leakGuard: 'off' },
      customEntries: {
        greeter: {
          type: 'server',
          image: images.everything,
          title: 'Greeter',
          description: 'A fixture that needs an API key and a greeting',
          secrets: [{ name: 'greeter.api_key', env: 'GREETER_API_KEY', description: 'API key for the greeter' }],
          env: [{ name: 'GREETING', value: '{{greeter.greeting}}' }],
          config: [
            {
              name: 'greeter',
              description: 'Greeter settings',
              type: 'object',
              properties: { greeting: { type: 'string', description: 'What to say' } },
              required: ['greeting'],
            },
          ],
          tools: [{ name: 'get-env', description: 'Shows the environment' }],
        },
      },
    });
    run(['server', 'enable', 'greeter']);
    ({ gateway, client } = await startHttpGatewayWithClient(home.home, env));
  });

  afterAll(async () => {
    await client?.close();
    await gateway?.stop();
    home.remove();
  });

  it('shows the catalog tools before the server ever ran', async () => {
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['get-env']);
  });

  it('refuses to start it, naming the missing secret and config and how to set them', async () => {
    const result = await client.callTool({ name: 'get-env', arguments: {} });
    expect(result.isError).toBe(true);
    const text = JSON.stringify(result.content);
    expect(text).toContain('secret greeter.api_key (GREETER_API_KEY)');
    expect(text).toContain('switchyard secret set greeter.api_key');
    expect(text).toContain('greeting');
    expect(text).toContain('switchyard config set greeter greeting');
    const inspect = run(['server', 'inspect', 'greeter']);
    expect(inspect).toContain('greeter.api_key -> GREETER_API_KEY: NOT SET');
  });

  it('refuses a secret on the command line', () => {
    const refused = runWithStderr(['secret', 'set', 'greeter.api_key', secretValue]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Refusing to take a secret value from the command line');
  });

  it('starts it with exactly its secret and config once they are set', async () => {
    run(['secret', 'set', 'greeter.api_key'], secretValue);
    run(['config', 'set', 'greeter', 'greeting', 'hello']);
    // The running gateway follows the settings change (within moments); then a call starts the container.
    const { vars } = await untilStarted(envNames);
    expect(vars.GREETING).toBe('hello');
    expect(Object.keys(vars)).toContain('GREETER_API_KEY');
    expect(vars.GREETER_API_KEY).toBe(secretValue);
    expect(Object.keys(vars)).not.toContain('SWITCHYARD_HOME');
    expect(run(['server', 'inspect', 'greeter'])).toContain('greeter.api_key -> GREETER_API_KEY: set');
  });

  it('restarts it with the new value when its config changes while running', async () => {
    run(['config', 'set', 'greeter', 'greeting', 'bonjour']);
    const deadline = Date.now() + 10_000;
    let value = (await untilStarted(envNames)).vars.GREETING;
    while (value !== 'bonjour' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      value = (await untilStarted(envNames)).vars.GREETING;
    }
    expect(value).toBe('bonjour');
  });

  it('never writes the secret value in plain text: not in settings, logs, or any file of the home', () => {
    expect(readFileSync(path.join(home.home, 'settings.json'), 'utf8')).not.toContain(secretValue);
    expect(gateway.stderr).not.toContain(secretValue);
    const files = listFiles(home.home);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(file).includes(Buffer.from(secretValue)), file).toBe(false);
  });
});

/** Calls until the server answers without a tool error (it may still be refusing for the old settings). */
async function untilStarted<T extends { result: { isError?: unknown } }>(call: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const outcome = await call();
      if (!outcome.result.isError) return outcome;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error('the server did not start in time');
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
