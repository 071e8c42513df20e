// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientPlan } from '../../shared/catalog-types.js';
import { cursorRow } from './support/client-rows.js';
import { FakeEngine, installBrowserStubs, renderWindow } from './support/fake-engine.js';

const cursor = cursorRow;

function plan(transport: 'stdio' | 'http'): ClientPlan {
  const entry = transport === 'http' ? '{ "url": "http://127.0.0.1:8819/mcp" }' : '{ "command": "switchyard", "args": ["connect"] }';
  return {
    client: 'cursor',
    action: 'connect',
    file: cursor.file,
    changed: true,
    created: true,
    deleted: false,
    transport,
    transportReason: transport === 'http' ? 'chosen' : 'default',
    transports: ['stdio', 'http'],
    before: '',
    after: `{ "mcpServers": { "switchyard": ${entry} } }`,
    diff: `+{ "mcpServers": { "switchyard": ${entry} } }`,
  };
}

describe('the connect dialog: the transport choice', () => {
  beforeEach(installBrowserStubs);
  afterEach(cleanup);

  // Seen in the Clients e2e under load: the radio showed the engine's plan, so a click on HTTP left it unchecked
  // until the new plan arrived (Playwright: "Clicking the checkbox did not change its state").
  it('checks the transport the user picked at once, while the engine works out its plan', async () => {
    let answerHttp: (plan: ClientPlan) => void = () => undefined;
    const engine = new FakeEngine()
      .handle('client.list', () => [cursor])
      .handle('client.plan', (input) => (input.transport === 'http' ? new Promise<ClientPlan>((resolve) => (answerHttp = resolve)) : plan('stdio')));
    renderWindow(engine, '/clients');
    await userEvent.click(await screen.findByRole('button', { name: 'Connect Cursor' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect Cursor' });
    const stdio = await within(dialog).findByRole<HTMLInputElement>('radio', { name: /stdio bridge/ });
    const http = within(dialog).getByRole<HTMLInputElement>('radio', { name: /HTTP/ });
    expect(stdio.checked).toBe(true);

    await userEvent.click(http);
    expect(http.checked).toBe(true);
    expect(stdio.checked).toBe(false);
    expect(engine.callsOf('client.plan')).toContainEqual(expect.objectContaining({ transport: 'http' }));

    answerHttp(plan('http'));
    expect(await within(dialog).findByText(/127\.0\.0\.1:8819\/mcp/)).toBeTruthy();
    expect(http.checked).toBe(true);
  });
});
