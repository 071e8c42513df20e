import { afterAll, describe, expect, it } from 'vitest';
import type { ServerReadiness } from '../../shared/catalog-types.js';
import { tempHome } from './support/gateway-process.js';
import { cliAnswer } from './support/http-gateway.js';

/** `server add ... --secret <other server>.<key>:ENV` through the real CLI (built in dist/): allowed, never silent. */
describe("a custom server given another server's secret", () => {
  const home = tempHome();
  const switchyard = (...args: string[]) => cliAnswer(home.home, args, { SWITCHYARD_SECRET_BACKEND: 'encrypted-file' });
  afterAll(() => home.remove());

  it('warns when it is added, and inspect carries the warning as data and in words', { timeout: 60_000 }, async () => {
    const added = await switchyard('server', 'add', 'borrower', '--image', 'mcp/borrower:1', '--secret', 'everything.apikey:API_KEY');
    expect(added.code).toBe(0);
    expect(added.stderr).toContain(
      'switchyard: warning: "borrower" gets the secret everything.apikey (as API_KEY), which is stored for the server "everything"',
    );
    const report = JSON.parse((await switchyard('server', 'inspect', 'borrower', '--json')).stdout) as ServerReadiness;
    expect(report.warnings).toEqual([{ kind: 'foreign-secret', key: 'everything.apikey', env: 'API_KEY', owner: 'everything' }]);
    expect((await switchyard('server', 'inspect', 'borrower')).stdout).toContain('WARNING: "borrower" gets the secret everything.apikey');

    const own = await switchyard('server', 'add', 'keeper', '--image', 'mcp/keeper:1', '--secret', 'keeper.apikey:API_KEY');
    expect(own.stderr).not.toContain('warning');
    expect((JSON.parse((await switchyard('server', 'inspect', 'keeper', '--json')).stdout) as ServerReadiness).warnings).toBeUndefined();
  });
});
