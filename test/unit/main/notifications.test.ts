import { describe, expect, it } from 'vitest';
import { createNotifier, noticeForHeldTool, noticesForStatus, type DesktopNotice } from '../../../electron/main/notifications.js';
import { gatewayStatus, server } from './fixtures.js';

describe('desktop notifications', () => {
  it('tells when a server stops with an error, once per transition, opening its page', () => {
    const before = gatewayStatus('running', [server('fetch', 'running')]);
    const crashed = gatewayStatus('running', [{ ...server('fetch', 'error'), error: 'exited with code 3\nLast stderr lines: ...' }]);
    expect(noticesForStatus(before, crashed)).toEqual([
      { key: 'error:fetch', title: 'fetch stopped with an error', body: 'exited with code 3', route: '/servers/fetch' },
    ]);
    expect(noticesForStatus(crashed, crashed)).toEqual([]);
  });

  it('tells when a pulled image has its server running', () => {
    const pulling = gatewayStatus('running', [{ ...server('fetch', 'starting'), pull: { status: 'Downloading', current: 1, total: 2 } }]);
    const ready = gatewayStatus('running', [server('fetch', 'running')]);
    expect(noticesForStatus(pulling, ready).map((notice) => notice.title)).toEqual(['fetch is ready']);
    expect(noticesForStatus(undefined, ready)).toEqual([]);
  });

  it('tells when a tool is held back, opening the tools section', () => {
    expect(noticeForHeldTool('github', 'create_issue')).toMatchObject({ key: 'held:github/create_issue', route: '/servers/github?section=tools' });
  });

  it('shows nothing when switched off, and rate-limits per key and in all', () => {
    let clock = 0;
    let on = true;
    const shown: DesktopNotice[] = [];
    const notify = createNotifier({ show: (notice) => shown.push(notice), enabled: () => on, now: () => clock, perKeyMs: 60_000, perMinute: 3 });
    const notice = (key: string): DesktopNotice => ({ key, title: key, body: '', route: '/' });
    notify([notice('a'), notice('a')]);
    expect(shown.map((n) => n.key)).toEqual(['a']);
    clock = 30_000;
    notify([notice('a'), notice('b'), notice('c'), notice('d')]);
    expect(shown.map((n) => n.key)).toEqual(['a', 'b', 'c']); // 'a' too soon, 'd' over 3 a minute
    clock = 91_000;
    notify([notice('a'), notice('d')]);
    expect(shown.map((n) => n.key)).toEqual(['a', 'b', 'c', 'a', 'd']);
    on = false;
    clock = 500_000;
    notify([notice('e')]);
    expect(shown).toHaveLength(5);
  });
});
