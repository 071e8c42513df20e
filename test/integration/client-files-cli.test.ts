import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from './support/gateway-process.js';
import { cliAnswer } from './support/http-gateway.js';

/** `client connect --transport http` then `disconnect`, through the real CLI (built in dist/), on a temporary HOME. */
describe('client config files through the CLI', () => {
  const switchyard = tempHome();
  const userHome = mkdtempSync(path.join(os.tmpdir(), 'switchyard-user-home-'));
  const cli = (...args: string[]) => cliAnswer(switchyard.home, args, { HOME: userHome });

  afterAll(() => {
    switchyard.remove();
    rmSync(userHome, { recursive: true, force: true });
  });

  it('gives the file its mode back on disconnect and leaves no token in the backup', async () => {
    const file = path.join(userHome, '.cursor', 'mcp.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{\n  "mcpServers": { "other": { "command": "other-server" } }\n}\n');
    chmodSync(file, 0o644);
    expect((await cli('client', 'connect', 'cursor', '--transport', 'http')).code).toBe(0);
    const token = (await cli('gateway', 'token')).stdout.trim();
    expect(readFileSync(file, 'utf8')).toContain(token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await cli('client', 'disconnect', 'cursor')).code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(readFileSync(file, 'utf8')).toContain('other-server');
    expect(readFileSync(`${file}.switchyard-backup`, 'utf8')).not.toContain(token);
  });

  it('refuses a --project folder that does not exist, creating nothing', async () => {
    const missing = path.join(userHome, 'no-such-project');
    const refused = await cli('client', 'connect', 'vscode', '--project', missing);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`The project folder ${missing} does not exist.`);
    expect(() => statSync(missing)).toThrow();
  });
});
