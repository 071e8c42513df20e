// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
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
