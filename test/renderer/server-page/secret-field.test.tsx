// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SecretField } from '../../../renderer/src/features/servers/components/server-page/SecretField.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { fakeApi, installResizeObserver } from './fake-api.js';

const VALUE = 'sk-live-0123456789-never-shown';

describe('SecretField (write-only secret)', () => {
  beforeAll(installResizeObserver);
  afterEach(cleanup);

  it('sends the value to secret.set, then empties and unmounts the input: the value is in no DOM node, query or mutation', async () => {
    const api = fakeApi({ 'secret.set': ({ key }) => ({ key, set: true as const }) });
    const user = userEvent.setup();
    const { container } = render(
      <SecretField server="greeter" secret={{ key: 'greeter.api_key', env: 'GREETER_API_KEY', set: false, required: true, description: 'API key' }} />,
      { wrapper: api.wrapper },
    );
    expect(screen.getByText('Not set (required)')).toBeTruthy();
    const input = screen.getByLabelText('Value for API key') as HTMLInputElement;
    expect(input.type).toBe('password');
    await user.type(input, VALUE);
    await user.click(screen.getByRole('button', { name: 'Save greeter.api_key' }));

    await waitFor(() => expect(screen.queryByLabelText('Value for API key')).toBeNull());
    expect(api.calls).toEqual([{ method: 'secret.set', input: { key: 'greeter.api_key', value: VALUE } }]);
    // The detached input was emptied too (a reference kept by anything else holds no value).
    expect(input.value).toBe('');
    expect(container.innerHTML).not.toContain(VALUE);
    expect(document.body.innerHTML).not.toContain(VALUE);
    expect(
      JSON.stringify(
        api.queryClient
          .getQueryCache()
          .getAll()
          .map((query) => query.state),
      ),
    ).not.toContain(VALUE);
    expect(
      JSON.stringify(
        api.queryClient
          .getMutationCache()
          .getAll()
          .map((mutation) => mutation.state),
      ),
    ).not.toContain(VALUE);
    expect(screen.getByText('Set')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Replace greeter.api_key' })).toBeTruthy();
  });

  it('shows the backend that keeps a set secret; Replace opens an empty field; Delete asks first, then calls secret.delete', async () => {
    const api = fakeApi({ 'secret.delete': ({ key }) => ({ key, deleted: true }) });
    const user = userEvent.setup();
    render(<SecretField server="greeter" backend="encrypted-file" secret={{ key: 'greeter.api_key', env: 'GREETER_API_KEY', set: true, required: true }} />, {
      wrapper: api.wrapper,
    });
    expect(screen.getByText('Set · encrypted file')).toBeTruthy();
    expect(screen.queryByLabelText(/value for/i)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Replace greeter.api_key' }));
    expect((screen.getByLabelText('New value for greeter.api_key') as HTMLInputElement).value).toBe('');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    await user.click(screen.getByRole('button', { name: 'Delete greeter.api_key' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete greeter.api_key?' });
    expect(api.calls).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Delete secret' }));
    await waitFor(() => expect(api.calls).toEqual([{ method: 'secret.delete', input: { key: 'greeter.api_key' } }]));
    expect(dialog.isConnected).toBe(false);
    expect(await screen.findByLabelText('Value for greeter.api_key')).toBeTruthy();
  });

  it('keeps the field and says why when the engine refuses the value; an empty value is not sent', async () => {
    const api = fakeApi({
      'secret.set': () => {
        throw new SwitchyardError('INTERNAL', 'The keyring is locked.', 'Unlock it and try again.');
      },
    });
    const user = userEvent.setup();
    render(<SecretField server="greeter" secret={{ key: 'greeter.api_key', env: 'GREETER_API_KEY', set: false, required: true }} />, { wrapper: api.wrapper });
    await user.click(screen.getByRole('button', { name: 'Save greeter.api_key' }));
    expect(screen.getByRole('alert').textContent).toBe('Type the value first.');
    expect(api.calls).toEqual([]);

    await user.type(screen.getByLabelText('Value for greeter.api_key'), VALUE);
    await user.keyboard('{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('The keyring is locked. Unlock it and try again.');
    expect(screen.getByLabelText('Value for greeter.api_key').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Not set (required)')).toBeTruthy();
  });
});
