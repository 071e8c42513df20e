import { describe, expect, it } from 'vitest';
import { profileRefusal, type ProfileDefinition } from '../../../electron/gateway/profile-view.js';

const tools: Record<string, Array<{ name: string }>> = {
  alpha: [{ name: 'echo' }, { name: 'add' }],
  beta: [{ name: 'add' }],
};
const toolsOf = (server: string) => tools[server];

/** Why a tool a client asked for is not in its profile's view. */
describe('profileRefusal', () => {
  // Found by the profiles e2e journey: alpha (in the profile, allow-list echo) and beta (not in it) both offer
  // `add`; the refusal named beta ("add the server") although alpha's allow-list was the reason.
  it("names the member's allow-list before a server outside the profile that has a tool of the same name", () => {
    const coding: ProfileDefinition = { name: 'coding', servers: { alpha: { allow: ['echo'] } } };
    const answer = profileRefusal(coding, 'coding', 'add', toolsOf, ['beta', 'alpha'], '__');
    expect(answer).toBe(
      'Tool "add" of server "alpha" is not on profile "coding"\'s allow-list. Allow it with `switchyard profile tools coding alpha --allow echo,add`.',
    );
  });

  it('names a server outside the profile when no member offers the tool', () => {
    const coding: ProfileDefinition = { name: 'coding', servers: { alpha: { allow: ['echo'] } } };
    expect(profileRefusal({ ...coding, servers: {} }, 'coding', 'add', toolsOf, ['beta', 'alpha'], '__')).toBe(
      'Tool "add" of server "beta" is not in profile "coding". Add the server with `switchyard profile server add coding beta`.',
    );
  });

  it('has nothing to say for the default profile', () => {
    expect(profileRefusal(undefined, 'default', 'add', toolsOf, ['beta', 'alpha'], '__')).toBeUndefined();
  });
});
