// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ToolAllowListEditor } from '../../../renderer/src/features/profiles/components/ToolAllowListEditor.js';
import type { ToolRow } from '../../../shared/catalog-types.js';
import { SwitchyardError } from '../../../shared/errors.js';
import type { Profile } from '../../../shared/profile-types.js';
import { fakeApi } from '../server-page/fake-api.js';

const tools: ToolRow[] = [
  { server: 'github', name: 'search_code', description: 'Search code on GitHub', enabled: true },
  { server: 'github', name: 'get_file_contents', enabled: true },
  { server: 'github', name: 'delete_repository', description: 'Deletes a repository', enabled: false },
];

const profileWith = (allow: string[] | null): Profile => ({
  name: 'coding',
  builtIn: false,
  dynamic: false,
  servers: [{ name: 'github', enabled: true, ...(allow ? { allow } : {}) }],
  deny: [],
  path: '/mcp/profiles/coding',
});

function renderEditor(props: { allow?: string[]; serverEnabled?: boolean; setTools?: (input: { allow: string[] | null }) => Profile }) {
  const api = fakeApi({
    'tools.list': () => tools,
    'profile.setTools': (input) => (props.setTools ?? ((given) => profileWith(given.allow)))(input),
  });
  const onSaved = vi.fn();
  const onCancel = vi.fn();
  render(
    <ToolAllowListEditor
      profile="coding"
      server="github"
      allow={props.allow}
      serverEnabled={props.serverEnabled ?? true}
      onSaved={onSaved}
      onCancel={onCancel}
    />,
    { wrapper: api.wrapper },
  );
  const setToolsCalls = () => api.calls.filter((call) => call.method === 'profile.setTools').map((call) => call.input);
  return { api, onSaved, onCancel, setToolsCalls, user: userEvent.setup() };
}

const box = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
const about = (name: string) => document.getElementById(box(name).getAttribute('aria-describedby') ?? '')?.textContent ?? '';

describe("ToolAllowListEditor (a profile member's tool allow-list)", () => {
  afterEach(cleanup);

  it('without an allow-list every tool is checked; unchecking one narrows the profile to the rest, sent in the list order', async () => {
    const { user, setToolsCalls, onSaved } = renderEditor({});
    await waitFor(() => expect(box('search_code').checked).toBe(true));
    expect(screen.getByRole('status').textContent).toContain('Every tool of github, also tools it adds later.');
    expect([box('get_file_contents').checked, box('delete_repository').checked]).toEqual([true, true]);
    // A tool switched off for every client is said to be so: allowing it here does not show it.
    expect(about('delete_repository')).toContain('switched off for every client');
    expect(about('search_code')).toBe('Search code on GitHub');

    await user.click(box('get_file_contents'));
    expect(box('get_file_contents').checked).toBe(false);
    expect(screen.getByRole('status').textContent).toContain('2 of 3 tools');
    await user.click(screen.getByRole('button', { name: 'Save tools' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(setToolsCalls()).toEqual([{ name: 'coding', server: 'github', allow: ['search_code', 'delete_repository'] }]);
  });

  it('keeps an allowed name the server no longer offers, and "Allow every tool" lifts the allow-list (allow: null)', async () => {
    const { user, setToolsCalls } = renderEditor({ allow: ['search_code', 'old_tool'] });
    await waitFor(() => expect(box('search_code').checked).toBe(true));
    expect(box('get_file_contents').checked).toBe(false);
    expect(box('old_tool').checked).toBe(true);
    expect(about('old_tool')).toContain('not offered by github now');
    expect(screen.getByRole('status').textContent).toContain('2 of 4 tools');

    await user.click(screen.getByRole('button', { name: 'Save tools' }));
    await waitFor(() => expect(setToolsCalls()).toHaveLength(1));
    expect(setToolsCalls()[0]).toEqual({ name: 'coding', server: 'github', allow: ['search_code', 'old_tool'] });

    await user.click(screen.getByRole('button', { name: 'Allow every tool' }));
    expect(box('get_file_contents').checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Save tools' }));
    await waitFor(() => expect(setToolsCalls()).toHaveLength(2));
    expect(setToolsCalls()[1]).toEqual({ name: 'coding', server: 'github', allow: null });
  });

  it('refuses an empty allow-list before asking the engine, and says what to do instead', async () => {
    const { user, setToolsCalls, onSaved } = renderEditor({});
    await waitFor(() => expect(box('search_code').checked).toBe(true));
    await user.click(screen.getByRole('button', { name: 'Uncheck all' }));
    expect(screen.getAllByRole('checkbox').every((checkbox) => !(checkbox as HTMLInputElement).checked)).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Save tools' }));
    expect(screen.getByRole('alert').textContent).toContain('Check at least one tool');
    expect(setToolsCalls()).toEqual([]);
    expect(onSaved).not.toHaveBeenCalled();
    // Checking one again clears the problem.
    await user.click(box('search_code'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("shows the engine's refusal (message and hint) and stays open with the choice kept", async () => {
    const { user, onSaved } = renderEditor({
      setTools: () => {
        throw new SwitchyardError(
          'SERVER_NOT_FOUND',
          'Server "github" is not in profile "coding".',
          'Add it first: switchyard profile server add coding github',
          {
            profile: 'coding',
            server: 'github',
          },
        );
      },
    });
    await waitFor(() => expect(box('search_code').checked).toBe(true));
    await user.click(box('search_code'));
    await user.click(screen.getByRole('button', { name: 'Save tools' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Server "github" is not in profile "coding". Add it first'));
    expect(onSaved).not.toHaveBeenCalled();
    expect(box('search_code').checked).toBe(false);
  });

  it('for a disabled server reads no tools, says why, and keeps its allow-list', async () => {
    const { api } = renderEditor({ allow: ['search_code'], serverEnabled: false });
    expect(screen.getByText(/github is disabled: enable it to learn its tools/)).toBeTruthy();
    expect(box('search_code').checked).toBe(true);
    expect(api.calls.some((call) => call.method === 'tools.list')).toBe(false);
  });
});
