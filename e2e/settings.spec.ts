import { expect, test } from '@playwright/test';
import { requireDocker, startEngine, type Engine } from './support/engine.js';
import { expectAccessible, goTo, openWindow, screenshots } from './support/window.js';

const CRASH_IMAGE = 'switchyard-fixture/crash:latest';

// Axe in two themes and four screenshots per page, on a shared 2-core machine.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let engine: Engine;

test.beforeAll(async () => {
  requireDocker([CRASH_IMAGE]);
  engine = await startEngine({ settings: { servers: { crashy: { image: CRASH_IMAGE, enabled: true } } } });
});

test.afterAll(async () => {
  await engine?.stop();
});

test('a setting changed in the window is what the CLI reads, and one changed with the CLI shows in the window', async ({ page }) => {
  await openWindow(page, engine, '/settings');
  const form = page.getByRole('form', { name: 'Gateway settings' });
  const idle = form.getByLabel('Stop idle servers after (seconds)');
  await expect(idle).toHaveValue('600');
  await idle.fill('42');
  await form.getByRole('button', { name: 'Save gateway settings' }).click();
  await expect(page.getByText('Gateway settings saved.')).toBeVisible();
  expect(engine.cli(['settings', 'get', 'gateway.idleTimeoutSeconds']).trim()).toBe('42');

  // The running gateway's file watcher picks the CLI's change up and the window hears settings.changed.
  engine.cli(['settings', 'set', 'gateway.callTimeoutSeconds', '77']);
  await expect(form.getByLabel('Call timeout (seconds)')).toHaveValue('77', { timeout: 3_000 });
  await expect(idle).toHaveValue('42');

  const telemetry = page.getByRole('form', { name: 'Telemetry settings' });
  engine.cli(['settings', 'set', 'telemetry.serviceName', 'switchyard-e2e']);
  await expect(telemetry.getByLabel('Service name')).toHaveValue('switchyard-e2e', { timeout: 3_000 });
});

test('a bad value gets an error naming the field, keeps what was typed, and writes nothing', async ({ page }) => {
  await openWindow(page, engine, '/settings');
  const form = page.getByRole('form', { name: 'Gateway settings' });
  const port = form.getByLabel('HTTP port');
  await port.fill('70000');
  await form.getByRole('button', { name: 'Save gateway settings' }).click();
  await expect(port).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('the port is 1 to 65535')).toBeVisible();
  await expect(port).toHaveValue('70000');
  expect(engine.cli(['settings', 'get', 'gateway.port']).trim()).toBe('8819');

  // Only the engine judges this one (OTLP over gRPC is not supported): its answer marks the field.
  const telemetry = page.getByRole('form', { name: 'Telemetry settings' });
  const endpoint = telemetry.getByLabel('OTLP traces endpoint');
  await endpoint.fill('grpc://127.0.0.1:4317');
  await telemetry.getByRole('button', { name: 'Save telemetry' }).click();
  await expect(endpoint).toHaveAttribute('aria-invalid', 'true');
  await expect(telemetry.getByText(/is not supported/)).toBeVisible();
  await expect(endpoint).toHaveValue('grpc://127.0.0.1:4317');
  expect(engine.cli(['settings', 'get', 'telemetry.otlpEndpoint']).trim()).toBe('null');
  await screenshots(page, 'settings-field-error');
});

test('history and the image pull policy: a bad retention is marked on its field and writes nothing; saved values are what the CLI reads', async ({ page }) => {
  await openWindow(page, engine, '/settings');
  const history = page.getByRole('form', { name: 'History settings' });
  const days = history.getByLabel('Keep calls for (days)');
  await expect(days).toHaveValue('30');
  await days.fill('-3');
  await history.getByRole('button', { name: 'Save history settings' }).click();
  await expect(days).toHaveAttribute('aria-invalid', 'true');
  await expect(history.getByText('0 (keep) to 36500 days')).toBeVisible();
  await expect(days).toHaveValue('-3');
  expect(engine.cli(['settings', 'get', 'history.retentionDays']).trim()).toBe('30');
  await screenshots(page, 'settings-history-error', () => history.scrollIntoViewIfNeeded());

  await days.fill('14');
  await history.getByLabel('Record calls').uncheck();
  await history.getByRole('button', { name: 'Save history settings' }).click();
  await expect(page.getByText('History is off: new calls are not recorded.')).toBeVisible();
  expect(engine.cli(['settings', 'get', 'history.retentionDays']).trim()).toBe('14');
  expect(engine.cli(['settings', 'get', 'history.enabled']).trim()).toBe('false');
  engine.cli(['settings', 'set', 'history.enabled', 'true']);
  await expect(history.getByLabel('Record calls')).toBeChecked({ timeout: 3_000 });

  const gateway = page.getByRole('form', { name: 'Gateway settings' });
  await gateway.getByLabel('Pull server images').selectOption('never');
  await gateway.getByRole('button', { name: 'Save gateway settings' }).click();
  await expect(page.getByText('Gateway settings saved.')).toBeVisible();
  expect(engine.cli(['settings', 'get', 'gateway.imagePullPolicy']).trim()).toBe('never');
  engine.cli(['settings', 'set', 'gateway.imagePullPolicy', 'missing']);
  await expect(gateway.getByLabel('Pull server images')).toHaveValue('missing', { timeout: 3_000 });
});

test('the gateway token: shown on request, rotated after a warning; the CLI prints the new one and only it is accepted', async ({ page }) => {
  const old = engine.cli(['gateway', 'token']).trim();
  await openWindow(page, engine, '/settings');
  const token = page.getByRole('textbox', { name: 'Token value' });
  await expect(token).not.toHaveValue(old);
  await page.getByRole('button', { name: 'Show token' }).click();
  await expect(token).toHaveValue(old);

  await page.getByRole('button', { name: 'Rotate token' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Rotate the gateway token?' });
  await expect(dialog).toContainText('refused until you connect them again');
  await dialog.getByRole('button', { name: 'Rotate token' }).click();
  await expect(token).not.toHaveValue(old);
  const rotated = engine.cli(['gateway', 'token']).trim();
  await expect(token).toHaveValue(rotated);

  const initialize = (bearer: string) =>
    fetch(engine.mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'e2e', version: '1' } },
      }),
    });
  expect((await initialize(old)).status).toBe(401);
  const client = await engine.mcpClient();
  await client.close();
});

test('a server that fails to start shows a toast whose action opens its page', async ({ page }) => {
  await openWindow(page, engine, '/servers/crashy');
  await page.getByRole('group', { name: 'Server actions' }).getByRole('button', { name: 'Start', exact: true }).click();
  // The fixture exits at once: the engine reports the error; the toast follows the user to another page.
  await goTo(page, '/settings');
  const toast = page.getByRole('listitem').filter({ hasText: 'crashy failed' });
  await expect(toast).toBeVisible({ timeout: 30_000 });
  await expect(toast).toContainText('fixture crash: boom');
  await toast.getByRole('button', { name: 'Open server' }).click();
  await expect(page.getByRole('heading', { name: 'crashy', level: 1 })).toBeVisible();
});

test('settings page: screenshots and axe in both themes', async ({ page }) => {
  await openWindow(page, engine, '/settings');
  await expect(page.getByRole('form', { name: 'Gateway settings' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Catalog sources' })).toBeVisible();
  await screenshots(page, 'settings');
  await expectAccessible(page, 'Settings');
  // Web mode: the desktop app's own preferences are named, with where to change them, and offer no switch here.
  const card = page.getByRole('region', { name: 'Window and desktop app' });
  await expect(card.getByText(/belong to the desktop app: open Settings there/)).toBeVisible();
  await expect(card.getByRole('switch')).toHaveCount(0);
  await screenshots(page, 'settings-desktop-card', () => card.scrollIntoViewIfNeeded());
});
