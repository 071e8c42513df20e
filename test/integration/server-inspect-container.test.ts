import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, tempHome } from './support/gateway-process.js';

const run = promisify(execFile);

/** `switchyard server inspect` (the real CLI, built in dist/) says what each server's container is allowed. */
describe('server inspect: the container permissions', () => {
  const home = tempHome();
  const env = { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home.home, SWITCHYARD_SECRET_BACKEND: 'encrypted-file' };
  const switchyard = async (...args: string[]) => (await run(process.execPath, [cliPath, ...args], { env, encoding: 'utf8' })).stdout;

  afterAll(() => home.remove());

  it('prints the locked-down defaults of a custom image, with the user it runs as', async () => {
    await switchyard('server', 'add', 'plain', '--image', 'me/plain:1');
    const text = await switchyard('server', 'inspect', 'plain');
    expect(text).toContain('  container:\n');
    expect(text).toContain('    image:        pulled when the engine lacks it\n');
    expect(text).toContain('    network:      none\n');
    expect(text).toContain('    file system:  read-only root; writable: /tmp (in memory, 64 MB)\n');
    expect(text).toContain('    limits:       512 MB memory, 1 CPU, 256 processes\n');
    expect(text).toContain("    user:         the image's USER, or 65534:65534 (nobody) if it names none\n");
    expect(text).toContain('    capabilities: all dropped; no privilege escalation\n');
  });

  it('prints what the options opened up, and the same as data with --json', async () => {
    await switchyard('server', 'add', 'open', '--image', 'me/open:1', '--network', '--writable', '--per-session');
    const text = await switchyard('server', 'inspect', 'open');
    expect(text).toContain('    network:      on (Docker bridge: the internet and your network)\n');
    expect(text).toContain('    file system:  writable root; writable: / (the whole root), /tmp (in memory, 64 MB)\n');
    expect(text).toContain('    sessions:     one container per client session\n');
    const report = JSON.parse(await switchyard('server', 'inspect', 'open', '--json')) as { container: unknown };
    expect(report.container).toMatchObject({
      network: { mode: 'bridge' },
      readOnlyRootfs: false,
      perSession: true,
      user: { source: 'image-or-nobody', fallback: '65534:65534' },
    });
  });

  it("prints a catalog server's volume and says an npm server's image is built here", async () => {
    await switchyard('server', 'enable', 'SQLite');
    expect(await switchyard('server', 'inspect', 'sqlite')).toContain('    mount:        volume switchyard-sqlite-mcp-sqlite -> /mcp (read-write)\n');
    await switchyard('server', 'add', 'pkg', '--npm', '@modelcontextprotocol/server-everything@2025.9.25');
    expect(await switchyard('server', 'inspect', 'pkg')).toContain('    image:        built here from the npm package when the engine lacks it\n');
  });
});
