// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServerReadiness } from '../../../shared/catalog-types.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { ConfigSection } from '../../../renderer/src/features/servers/components/server-page/ConfigSection.js';
import { fakeApi, installResizeObserver } from './fake-api.js';

const schema = {
  type: 'object',
  properties: {
    greeting: { type: 'string', description: 'What to say' },
    retries: { type: 'integer', minimum: 0, maximum: 5, default: 2, description: 'How often to try again' },
    verbose: { type: 'boolean', title: 'Verbose output' },
    mode: { enum: ['fast', 'safe'], description: 'Speed or care' },
    paths: { type: 'array', items: { type: 'string' }, description: 'Folders it may read' },
    proxy: {
      type: 'object',
      description: 'Outgoing proxy',
      properties: { host: { type: 'string', minLength: 3 }, port: { type: 'number' } },
      required: ['host'],
    },
  },
  required: ['greeting', 'mode'],
};

function readiness(overrides: Partial<ServerReadiness> = {}): ServerReadiness {
  return {
    name: 'greeter',
    enabled: true,
    source: { kind: 'catalog', entry: 'greeter', title: 'Greeter' },
    image: 'switchyard-fixture/everything:latest',
    tools: ['get-env'],
    config: {},
    configSchema: schema,
    secrets: [],
    ready: false,
    problems: [{ kind: 'config', key: 'greeting', description: 'What to say' }],
    ...overrides,
  };
}

describe('configuration form generated from the JSON Schema', () => {
  beforeAll(installResizeObserver);
  afterEach(cleanup);

  it('draws one control per kind, with descriptions as help, defaults filled and required fields marked', () => {
    const api = fakeApi({});
    render(<ConfigSection readiness={readiness()} />, { wrapper: api.wrapper });
    const greeting = screen.getByRole('textbox', { name: /Greeting/ });
    expect(greeting.getAttribute('aria-required')).toBe('true');
    expect(screen.getByRole('textbox', { name: /Greeting/, description: /What to say/ })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Retries' }) as HTMLInputElement).value).toBe('2');
    expect(screen.getByRole('switch', { name: 'Verbose output' }).getAttribute('aria-checked')).toBe('false');
    const mode = screen.getByRole('combobox', { name: /Mode/ });
    expect(
      within(mode)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Choose…', 'fast', 'safe']);
    expect(screen.getByRole('textbox', { name: 'Paths', description: /Folders it may read One value per line/ })).toBeTruthy();
    const proxy = screen.getByRole('group', { name: /Proxy/ });
    expect(within(proxy).getByRole('textbox', { name: /Host/ }).getAttribute('aria-required')).toBe('true');
    // The engine says greeting is missing: marked before the user types anything.
    expect(greeting.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('textbox', { name: /Greeting/, description: /Required: fill this in/ })).toBeTruthy();
  });

  it('validates with the same schema before sending: nothing is sent while a value breaks it, and the field says why', async () => {
    const api = fakeApi({});
    const user = userEvent.setup();
    render(<ConfigSection readiness={readiness()} />, { wrapper: api.wrapper });
    await user.type(screen.getByRole('textbox', { name: /Greeting/ }), 'hello');
    await user.selectOptions(screen.getByRole('combobox', { name: /Mode/ }), 'safe');
    const retries = screen.getByRole('textbox', { name: 'Retries' });
    await user.clear(retries);
    await user.type(retries, '9');
    await user.type(screen.getByRole('textbox', { name: /Host/ }), 'ab');
    await user.click(screen.getByRole('button', { name: 'Save configuration' }));

    await waitFor(() => expect(retries.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('textbox', { name: 'Retries', description: /<=5|5/ })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: /Host/ }).getAttribute('aria-invalid')).toBe('true');
    expect(api.calls).toEqual([]);
  });

  it('saves one config.set per changed key (typed values, nested objects whole, lists as arrays) and leaves defaults alone', async () => {
    const saved: Array<{ key: string; value: unknown }> = [];
    const api = fakeApi({
      'config.set': ({ key, value }) => {
        saved.push({ key, value });
        return readiness({ ready: true, problems: [] });
      },
    });
    const user = userEvent.setup();
    render(<ConfigSection readiness={readiness()} />, { wrapper: api.wrapper });
    await user.type(screen.getByRole('textbox', { name: /Greeting/ }), 'hello');
    await user.selectOptions(screen.getByRole('combobox', { name: /Mode/ }), 'fast');
    await user.click(screen.getByRole('switch', { name: 'Verbose output' }));
    await user.type(screen.getByRole('textbox', { name: 'Paths' }), '/data{Enter}/tmp');
    await user.type(screen.getByRole('textbox', { name: /Host/ }), 'proxy.local');
    await user.type(screen.getByRole('textbox', { name: 'Port' }), '3128');
    await user.click(screen.getByRole('button', { name: 'Save configuration' }));

    await waitFor(() => expect(saved).toHaveLength(5));
    expect(Object.fromEntries(saved.map((change) => [change.key, change.value]))).toEqual({
      greeting: 'hello',
      mode: 'fast',
      verbose: true,
      paths: ['/data', '/tmp'],
      proxy: { host: 'proxy.local', port: 3128 },
    });
    expect(api.calls.every((call) => call.method === 'config.set')).toBe(true);
  });

  it('marks the field the engine refuses (config.set error details) and unsets a value the user cleared', async () => {
    const api = fakeApi({
      'config.set': ({ key }) => {
        throw new SwitchyardError('INVALID_INPUT', `Not saved: "greeter" config ${key}: must match pattern`, undefined, {
          server: 'greeter',
          key,
          problems: [{ kind: 'invalid', field: key, path: `/${key}`, keyword: 'pattern', message: 'must match pattern "^[a-z]+$"' }],
        });
      },
      'config.unset': () => readiness({ config: {} }),
    });
    const user = userEvent.setup();
    render(<ConfigSection readiness={readiness({ config: { greeting: 'hi', mode: 'safe', paths: ['/a'] }, ready: true, problems: [] })} />, {
      wrapper: api.wrapper,
    });
    const greeting = screen.getByRole('textbox', { name: /Greeting/ });
    expect((greeting as HTMLInputElement).value).toBe('hi');
    await user.type(greeting, '!');
    await user.click(screen.getByRole('button', { name: 'Save configuration' }));
    await waitFor(() => expect(greeting.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('textbox', { name: /Greeting/, description: /must match pattern/ })).toBeTruthy();
    expect(api.calls).toEqual([{ method: 'config.set', input: { name: 'greeter', key: 'greeting', value: 'hi!' } }]);

    api.calls.length = 0;
    await user.clear(greeting);
    await user.type(greeting, 'hi');
    await user.clear(screen.getByRole('textbox', { name: 'Paths' }));
    await user.click(screen.getByRole('button', { name: 'Save configuration' }));
    await waitFor(() => expect(api.calls).toEqual([{ method: 'config.unset', input: { name: 'greeter', key: 'paths' } }]));

    api.calls.length = 0;
    await user.selectOptions(screen.getByRole('combobox', { name: /Mode/ }), '');
    await user.click(screen.getByRole('button', { name: 'Save configuration' }));
    // mode is required: the schema stops the unset before it is sent.
    await waitFor(() => expect(screen.getByRole('combobox', { name: /Mode/ }).getAttribute('aria-invalid')).toBe('true'));
    expect(api.calls).toEqual([]);
  });
});
