// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { SwitchyardError } from '../../shared/errors.js';
import { Tabs } from '../../renderer/src/ui/tabs.js';
import { FakeEngine, installBrowserStubs, renderWindow } from './support/fake-engine.js';

beforeEach(installBrowserStubs);
afterEach(cleanup);

describe("the header's gateway state", () => {
  it('says the state is being checked while the engine has not answered, instead of an empty corner', async () => {
    const engine = new FakeEngine().handle('gateway.status', () => new Promise(() => {})).handle('catalog.list', () => []);
    renderWindow(engine);
    const banner = await screen.findByRole('banner');
    expect(await within(banner).findByText('checking…')).toBeTruthy();
    expect(within(banner).queryByRole('button', { name: /gateway/ })).toBeNull();
  });

  it('says the state is unknown when the engine failed to tell it', async () => {
    const engine = new FakeEngine()
      .handle('gateway.status', () => {
        throw new SwitchyardError('GATEWAY_STOPPED', 'no status');
      })
      .handle('catalog.list', () => []);
    renderWindow(engine);
    const banner = await screen.findByRole('banner');
    expect(await within(banner).findByText('state unknown')).toBeTruthy();
  });
});

describe("the header's Docker engine warning", () => {
  const status = (reachable: boolean) => ({
    state: 'running' as const,
    version: '0.1.0',
    sessions: 0,
    servers: [],
    engine: { reachable, dockerHost: 'unix:///var/run/docker.sock', timeoutMs: 30_000, ...(reachable ? {} : { reason: 'ECONNREFUSED', since: 1 }) },
  });

  it('links to the fix while the engine does not answer, and is gone once it does', async () => {
    let reachable = false;
    const engine = new FakeEngine().handle('gateway.status', () => status(reachable)).handle('catalog.list', () => []);
    renderWindow(engine);
    const banner = await screen.findByRole('banner');
    const warning = await within(banner).findByRole('link', { name: 'Docker unreachable' });
    expect(warning.getAttribute('href')).toContain('/welcome');
    expect(warning.getAttribute('title')).toContain('unix:///var/run/docker.sock');
    expect(warning.getAttribute('title')).toContain('ECONNREFUSED');

    reachable = true;
    engine.emit('gateway.status', status(true));
    await waitFor(() => expect(within(banner).queryByRole('link', { name: 'Docker unreachable' })).toBeNull());
  });
});

describe('tabs in a narrow window', () => {
  function ServerLikeTabs({ start }: { start: string }) {
    const [value, setValue] = useState(start);
    const items = ['overview', 'config', 'secrets', 'tools', 'log'].map((name) => ({ value: name, label: name, content: <p>{name} panel</p> }));
    return <Tabs label="Sections" value={value} onValueChange={setValue} items={items} />;
  }

  it('scrolls the selected tab into view: on a deep link to the last tab, and when another is chosen', async () => {
    const scrolled: string[] = [];
    // jsdom lays nothing out and has no scrollIntoView: record which element asks to be shown.
    Object.defineProperty(Element.prototype, 'scrollIntoView', {
      configurable: true,
      value(this: Element) {
        scrolled.push(this.textContent ?? '');
      },
    });
    onTestFinished(() => {
      delete (Element.prototype as Partial<Element>).scrollIntoView;
    });
    render(<ServerLikeTabs start="log" />);
    expect(scrolled).toEqual(['log']);
    // Radix selects a tab on mouse down.
    const tools = screen.getByRole('tab', { name: 'tools' });
    tools.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
    expect(await screen.findByText('tools panel')).toBeTruthy();
    expect(scrolled).toEqual(['log', 'tools']);
  });
});
