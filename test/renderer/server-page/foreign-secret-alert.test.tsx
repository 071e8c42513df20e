// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServerReadiness } from '../../../shared/catalog-types.js';
import { OverviewSection } from '../../../renderer/src/features/servers/components/server-page/OverviewSection.js';
import { fakeApi, installResizeObserver } from './fake-api.js';

const borrower: ServerReadiness = {
  name: 'borrower',
  enabled: true,
  source: { kind: 'image' },
  image: 'mcp/borrower:1',
  tools: [],
  config: {},
  secrets: [{ key: 'everything.apikey', env: 'API_KEY', set: true, required: true }],
  ready: true,
  problems: [],
  warnings: [{ kind: 'foreign-secret', key: 'everything.apikey', env: 'API_KEY', owner: 'everything' }],
};

describe('server overview: a custom server mapped to another server secret', () => {
  beforeAll(installResizeObserver);
  afterEach(cleanup);

  it('shows an alert naming the key, the variable and the server it belongs to', () => {
    const api = fakeApi({});
    render(<OverviewSection readiness={borrower} status={undefined} gatewayRunning onOpenSection={() => undefined} onRemoved={() => undefined} />, {
      wrapper: api.wrapper,
    });
    const alert = screen.getByRole('alert', { name: "It gets another server's secret" });
    expect(within(alert).getByText('everything.apikey')).toBeTruthy();
    expect(within(alert).getByText('API_KEY')).toBeTruthy();
    expect(alert.textContent).toContain("borrower receives everything's credential");
  });

  it('shows no alert for a server that uses only its own secrets', () => {
    const api = fakeApi({});
    const own: ServerReadiness = { ...borrower, secrets: [{ key: 'borrower.apikey', env: 'API_KEY', set: true, required: true }] };
    delete own.warnings;
    render(<OverviewSection readiness={own} status={undefined} gatewayRunning onOpenSection={() => undefined} onRemoved={() => undefined} />, {
      wrapper: api.wrapper,
    });
    expect(screen.queryByRole('alert', { name: "It gets another server's secret" })).toBeNull();
  });
});
