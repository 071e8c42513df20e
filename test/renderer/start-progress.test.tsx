// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerReadiness } from '../../shared/catalog-types.js';
import type { GatewayStatus, ServerStatus } from '../../shared/domain.js';
import { OverviewSection } from '../../renderer/src/features/servers/components/server-page/OverviewSection.js';
import { FakeEngine, installBrowserStubs, renderWindow } from './support/fake-engine.js';
import { fakeApi } from './server-page/fake-api.js';

const building: ServerStatus = {
  name: 'notes',
  image: 'switchyard-npm/notes:1a2b3c',
  state: 'starting',
  stderrTail: [],
  pull: { status: 'docker build: RUN chmod +x /app/entrypoint', current: 2, total: 5, unit: 'steps', build: true },
};
const gateway = (server: ServerStatus): GatewayStatus => ({ state: 'running', version: '0.1.0', sessions: 0, servers: [server] });

const failedBuild =
  'Building the image for npm package "@acme/notes-mcp" failed at step "npm install": npm exited with code 1\n' +
  'Last lines of the log:\n  npm error code E404\n  npm error 404 Not Found - GET https://registry.npmjs.org/@acme%2fnotes-mcp\n' +
  'Full log: /home/u/.switchyard/logs/npm-build-notes.log';

beforeEach(installBrowserStubs);
afterEach(cleanup);

describe('an image pull or npm build in progress, as the window shows it', () => {
  it('My servers shows the build’s step and a progress bar, follows the engine’s status events, and shows a failed build’s step and last log lines', async () => {
    const engine = new FakeEngine().handle('gateway.status', () => gateway(building)).handle('tools.pending', () => []);
    // An engine event arrives outside any React handler: act() applies what it changes before the checks.
    const push = (status: GatewayStatus) => act(async () => engine.emit('gateway.status', status));
    renderWindow(engine, '/servers');
    // My servers is a page of its own chunk: the first import of it takes a moment here.
    const row = await screen.findByRole('listitem', { name: 'notes' }, { timeout: 15_000 });
    const bar = await within(row).findByRole('progressbar', { name: 'Building the image of notes' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(row.textContent).toContain('docker build: RUN chmod +x /app/entrypoint (step 2 of 5)');
    expect(row.textContent).toContain('building 40%');

    await push(
      gateway({ ...building, pull: { status: 'base image node:22-alpine: Downloading', current: 12 * 1024 * 1024, total: 48 * 1024 * 1024, build: true } }),
    );
    await within(row).findByText(/12\.0 MB of 48\.0 MB/);
    expect(within(row).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');

    await push(gateway({ ...building, pull: { status: 'npm install @acme/notes-mcp (glibc)', current: 0, total: 0, build: true } }));
    await within(row).findByText(/npm install @acme\/notes-mcp \(glibc\)$/);
    // The total is unknown while npm installs: the bar says it is busy without claiming a value.
    expect(within(row).getByRole('progressbar').hasAttribute('aria-valuenow')).toBe(false);

    const { pull: _done, ...withoutPull } = building;
    await push(gateway({ ...withoutPull, state: 'error', error: failedBuild }));
    await within(row).findByText(/failed at step "npm install"/);
    expect(row.textContent).toContain('npm error 404 Not Found');
    expect(within(row).queryByRole('progressbar')).toBeNull();
  });

  it('the server page shows a pull with its bytes and the bar, and a build with its step', () => {
    const readiness: ServerReadiness = {
      name: 'notes',
      enabled: true,
      source: { kind: 'npm', package: '@acme/notes-mcp' },
      image: building.image,
      tools: [],
      config: {},
      secrets: [],
      ready: true,
      problems: [],
    };
    const api = fakeApi({});
    const pulling: ServerStatus = { ...building, image: 'mcp/notes:1', pull: { status: 'Downloading', current: 3 * 1024 * 1024, total: 4 * 1024 * 1024 } };
    const view = render(<OverviewSection readiness={readiness} status={pulling} gatewayRunning onOpenSection={() => undefined} onRemoved={() => undefined} />, {
      wrapper: api.wrapper,
    });
    expect(screen.getByRole('progressbar', { name: 'Pulling mcp/notes:1' }).getAttribute('aria-valuenow')).toBe('75');
    expect(screen.getByText(/3\.0 MB of 4\.0 MB/)).toBeTruthy();

    view.rerender(<OverviewSection readiness={readiness} status={building} gatewayRunning onOpenSection={() => undefined} onRemoved={() => undefined} />);
    expect(screen.getByRole('progressbar', { name: 'Building the image of notes' }).getAttribute('aria-valuenow')).toBe('40');
    expect(screen.getByText(/step 2 of 5/)).toBeTruthy();
  });
});
