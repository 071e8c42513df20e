// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeEngine, installBrowserStubs, renderWindow } from './support/fake-engine.js';

const stoppedGateway = { state: 'stopped' as const, version: '0.1.0', sessions: 0, servers: [] };

beforeEach(installBrowserStubs);
afterEach(cleanup);

function engineWithGateway(): FakeEngine {
  return new FakeEngine().handle('gateway.status', () => stoppedGateway).handle('catalog.list', () => []);
}

describe('the window and its connection to the engine', () => {
  it('says the link expired, with what to do, when the engine refuses the token, and asks the engine nothing', async () => {
    const engine = engineWithGateway();
    engine.setStatus({ state: 'unauthorized', detail: 'refused' });
    renderWindow(engine);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("This page's link expired");
    expect(alert.textContent).toContain('switchyard gateway run --ui');
    expect(screen.queryByRole('navigation', { name: 'Sections' })).toBeNull();
    expect(screen.queryByRole('button', { name: /gateway/ })).toBeNull();
    expect(engine.calls).toEqual([]);
  });

  it('shows that it is reconnecting while the connection is lost, and refetches everything once it is back', async () => {
    const engine = engineWithGateway();
    renderWindow(engine);
    await screen.findByRole('button', { name: 'Start gateway' });
    const before = engine.callsOf('gateway.status').length;
    const catalogBefore = engine.callsOf('catalog.list').length;

    engine.setStatus({ state: 'disconnected', detail: 'retrying' });
    expect((await screen.findByText(/Reconnecting/)).textContent).toContain('Lost the connection');
    expect(screen.getByRole('button', { name: 'Start gateway' })).toHaveProperty('disabled', true);

    engine.setStatus({ state: 'connected' });
    await waitFor(() => expect(engine.callsOf('gateway.status').length).toBeGreaterThan(before));
    await waitFor(() => expect(engine.callsOf('catalog.list').length).toBeGreaterThan(catalogBefore));
    expect(screen.queryByText(/Reconnecting/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Start gateway' })).toHaveProperty('disabled', false);
  });

  it('follows the gateway.status event without asking again', async () => {
    const engine = engineWithGateway();
    renderWindow(engine);
    await screen.findByRole('button', { name: 'Start gateway' });
    const asked = engine.callsOf('gateway.status').length;
    engine.emit('gateway.status', { ...stoppedGateway, state: 'running' });
    await screen.findByRole('button', { name: 'Stop gateway' });
    expect(engine.callsOf('gateway.status').length).toBe(asked);
  });
});
