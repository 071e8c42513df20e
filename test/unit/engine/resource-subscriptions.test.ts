import { describe, expect, it } from 'vitest';
import { ResourceSubscriptions } from '../../../electron/gateway/resource-subscriptions.js';

const board = { server: 'dual', uri: 'note://board' };
const other = { server: 'files', uri: 'file:///a' };

describe('who watches which resource', () => {
  it('subscribes on the first watcher and unsubscribes on the last one only', () => {
    const watched = new ResourceSubscriptions();
    expect(watched.add(board, 's1/subscribe/')).toBe(true);
    expect(watched.add(board, 's2/listen/7/')).toBe(false);
    expect(watched.add(board, 's2/listen/7/')).toBe(false);
    expect(watched.remove(board, 's1/subscribe/')).toBe(false);
    expect(watched.remove(board, 'never-watched/')).toBe(false);
    expect(watched.watchedOn('dual')).toEqual(['note://board']);
    expect(watched.remove(board, 's2/listen/7/')).toBe(true);
    expect(watched.watchedOn('dual')).toEqual([]);
  });

  it("drops a closed session's watchers by prefix, without touching a listen id that merely starts the same", () => {
    const watched = new ResourceSubscriptions();
    watched.add(board, 's1/listen/1/');
    watched.add(other, 's1/listen/10/');
    watched.add(other, 's2/subscribe/');
    expect(watched.removeHolders('s1/listen/1/')).toEqual([board]);
    expect(watched.heldBy('s1/listen/10/')).toEqual([other]);
    expect(watched.removeHolders('s1/')).toEqual([]);
    expect(watched.removeHolders('s2/')).toEqual([other]);
  });
});
