import { describe, expect, it } from 'vitest';
import { AddedServerHandles } from '../../../electron/gateway/added-server-handles.js';

describe('handles of servers added by stateless clients', () => {
  it('holds servers under an unguessable handle of one profile, adds more under it, and forgets it after the idle time', () => {
    let now = 0;
    const handles = new AddedServerHandles(1_000, () => now);
    const handle = handles.add('agent', 'notes');
    expect(handle).toMatch(/^sy_[\w-]{24}$/);
    expect(handles.add('agent', 'other')).not.toBe(handle);
    expect(handles.add('agent', 'github', handle)).toBe(handle);
    expect(handles.servers('agent', handle)).toEqual({ servers: new Set(['notes', 'github']) });
    expect(handles.servers('coding', handle)).toEqual({ refused: 'other-profile' });
    // Another profile's handle is not extended: a new one is minted.
    expect(handles.add('coding', 'notes', handle)).not.toBe(handle);

    now = 900; // used: the time starts again
    expect('servers' in handles.servers('agent', handle)).toBe(true);
    now = 1_800;
    expect(handles.inUse()).toEqual(new Set(['notes', 'github']));
    now = 1_900;
    expect(handles.servers('agent', handle)).toEqual({ refused: 'unknown-handle' });
    expect(handles.inUse()).toEqual(new Set());
    expect(handles.size).toBe(0);
  });
});
