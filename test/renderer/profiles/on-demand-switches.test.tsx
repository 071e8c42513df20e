// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ListedSwitch } from '../../../renderer/src/features/profiles/components/ListedSwitch.js';
import { OnDemandToolsCard } from '../../../renderer/src/features/profiles/components/OnDemandToolsCard.js';
import { notify } from '../../../renderer/src/ui/toast.js';
import { SwitchyardError } from '../../../shared/errors.js';
import type { Profile } from '../../../shared/profile-types.js';
import { fakeApi, installResizeObserver } from '../server-page/fake-api.js';

vi.mock('../../../renderer/src/ui/toast.js', () => ({ notify: { success: vi.fn(), error: vi.fn() } }));

const agent = (dynamic: boolean, listed = true): Profile => ({
  name: 'agent',
  builtIn: false,
  dynamic,
  servers: [{ name: 'big', enabled: true, ...(listed ? {} : { listed: false }) }],
  deny: [],
  path: '/mcp/profiles/agent',
});

const toggle = (name: string) => screen.getByRole('switch', { name });

describe('the on-demand tools switches of a profile', () => {
  beforeAll(installResizeObserver);
  afterEach(() => {
    cleanup();
    vi.mocked(notify.error).mockClear();
  });

  it('On-demand tools: explains them, sends profile.update, and a refusal leaves the switch as the engine has it, with the reason', async () => {
    let refuse = false;
    const api = fakeApi({
      'profile.update': (input) => {
        if (refuse) throw new SwitchyardError('INVALID_INPUT', 'No profile named "agent".', undefined, { profile: 'agent' });
        return agent(input.dynamic ?? false);
      },
    });
    const { rerender } = render(<OnDemandToolsCard profile={agent(false)} />, { wrapper: api.wrapper });
    expect(screen.getByRole('region', { name: 'On-demand tools' }).textContent).toContain('call a tool of a server whose tools are not listed');
    const user = userEvent.setup();
    await user.click(toggle('On-demand tools for agent'));
    await waitFor(() => expect(api.calls).toContainEqual({ method: 'profile.update', input: { name: 'agent', dynamic: true } }));
    rerender(<OnDemandToolsCard profile={agent(true)} />);
    expect(toggle('On-demand tools for agent').getAttribute('aria-checked')).toBe('true');
    expect(screen.getByRole('region', { name: 'On-demand tools' }).textContent).toContain('find_servers');

    refuse = true;
    await user.click(toggle('On-demand tools for agent'));
    await waitFor(() => expect(notify.error).toHaveBeenCalledWith('Could not change the on-demand tools of agent', expect.any(SwitchyardError)));
    expect(toggle('On-demand tools for agent').getAttribute('aria-checked')).toBe('true');
  });

  it('Listed: off sends profile.setListed false and says the tools are still reached through call_tool', async () => {
    const api = fakeApi({ 'profile.setListed': (input) => agent(true, input.listed) });
    const member = { name: 'big', enabled: true };
    const { rerender } = render(<ListedSwitch profile="agent" member={member} />, { wrapper: api.wrapper });
    expect(toggle('List the tools of big').getAttribute('aria-checked')).toBe('true');
    await userEvent.setup().click(toggle('List the tools of big'));
    await waitFor(() => expect(api.calls).toContainEqual({ method: 'profile.setListed', input: { name: 'agent', server: 'big', listed: false } }));
    rerender(<ListedSwitch profile="agent" member={{ ...member, listed: false }} />);
    expect(toggle('List the tools of big').getAttribute('aria-checked')).toBe('false');
    expect(document.body.textContent).toContain('Not listed: its tools stay out of the tool list');
    expect(document.body.textContent).toContain('call_tool');
  });
});
