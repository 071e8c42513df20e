// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { CallRecordView } from '../../shared/history-types.js';
import { ApiProvider } from '../../renderer/src/api/api-context.js';
import { useLiveCalls, type LiveCalls } from '../../renderer/src/features/activity/hooks/use-live-calls.js';
import { FakeEngine } from './support/fake-engine.js';

const call = (n: number, status: CallRecordView['status'] = 'running'): CallRecordView => ({
  id: `c${n}`,
  traceId: '0'.repeat(32),
  startedAt: 1_000 + n,
  client: { sessionId: 's' },
  server: 'everything',
  method: 'tools/call',
  name: 'echo',
  arguments: '{}',
  status,
});

const shown = (live: LiveCalls) => Array.from({ length: live.calls.size }, (_, index) => `${live.calls.at(index).id}:${live.calls.at(index).status}`);

function mount(hold: boolean, capacity?: number) {
  const engine = new FakeEngine();
  const wrapper = ({ children }: { children: ReactNode }) => <ApiProvider access={engine.access}>{children}</ApiProvider>;
  const hook = renderHook(({ held }: { held: boolean }) => useLiveCalls(held, capacity), { wrapper, initialProps: { held: hold } });
  const send = (...events: [kind: 'start' | 'end', record: CallRecordView][]) =>
    act(() => engine.emit('history.records', { events: events.map(([kind, record]) => ({ kind, record })) }));
  return { hook, send };
}

describe('useLiveCalls: the history.records batches on screen', () => {
  it('shows calls newest first, an end in place of its start, once per frame', async () => {
    const { hook, send } = mount(false);
    send(['start', call(1)], ['start', call(2)]);
    send(['end', call(1, 'ok')], ['start', call(3)]);
    await waitFor(() => expect(shown(hook.result.current)).toEqual(['c3:running', 'c2:running', 'c1:ok']));
    expect(hook.result.current.waiting).toBe(0);
  });

  it('held (paused or scrolled away): counts each new call once, not an end of a call on screen; release shows them', async () => {
    const { hook, send } = mount(false);
    send(['start', call(1)]);
    await waitFor(() => expect(shown(hook.result.current)).toEqual(['c1:running']));
    hook.rerender({ held: true });
    send(['start', call(2)], ['end', call(2, 'ok')], ['end', call(1, 'ok')], ['start', call(3)]);
    await waitFor(() => expect(hook.result.current.waiting).toBe(2));
    expect(shown(hook.result.current)).toEqual(['c1:running']);
    act(() => hook.result.current.release());
    await waitFor(() => expect(shown(hook.result.current)).toEqual(['c3:running', 'c2:ok', 'c1:ok']));
    expect(hook.result.current.waiting).toBe(0);
  });

  it('beyond its capacity names the newest call that fell off (the history reaches back to it)', async () => {
    const { hook, send } = mount(false, 2);
    send(['start', call(1)], ['start', call(2)], ['start', call(3)]);
    await waitFor(() => expect(shown(hook.result.current)).toEqual(['c3:running', 'c2:running']));
    expect(hook.result.current.dropped?.id).toBe('c1');
  });
});
