import { describe, expect, it } from 'vitest';
import type { ClientsChanged } from '../../shared/catalog-types.js';
import type { GatewayStatus, ServerStatus } from '../../shared/domain.js';
import {
  heldKey,
  newlyHeld,
  noticeForClientChange,
  noticeForHeldTools,
  noticesForStatus,
} from '../../renderer/src/features/notifications/lib/engine-notices.js';

const server = (name: string, change: Partial<ServerStatus> = {}): ServerStatus => ({
  name,
  image: `example/${name}:1`,
  state: 'stopped',
  stderrTail: [],
  ...change,
});
const status = (...servers: ServerStatus[]): GatewayStatus => ({ state: 'running', version: '0', sessions: 0, servers });

/** Which engine changes become toasts: only transitions seen while the window is open, one toast per burst of held tools. */
describe('engine notices', () => {
  it('a server going into error is one notice with its reason and last output, opening its log', () => {
    const failed = server('notes', { state: 'error', error: 'The container exited with code 3.', stderrTail: ['starting', 'fixture crash: boom'] });
    expect(noticesForStatus(status(server('notes', { state: 'starting' })), status(failed))).toEqual([
      {
        id: 'server-error:notes',
        tone: 'error',
        title: 'notes failed',
        description: 'The container exited with code 3. Last output: fixture crash: boom',
        action: { label: 'Open server', target: { page: 'server', name: 'notes', section: 'log' } },
      },
    ]);
    // Still in error on the next status: no second notice; and nothing for the state the window found.
    expect(noticesForStatus(status(failed), status(failed))).toEqual([]);
    expect(noticesForStatus(undefined, status(failed))).toEqual([]);
  });

  it('an image that finished pulling and runs is a success notice', () => {
    const pulling = server('notes', { state: 'starting', pull: { status: 'Downloading', current: 1, total: 2 } });
    const notices = noticesForStatus(status(pulling), status(server('notes', { state: 'running' })));
    expect(notices.map((notice) => [notice.id, notice.tone])).toEqual([['image-ready:notes', 'success']]);
  });

  it('tools newly held back make one notice, however many', () => {
    const known = new Set([heldKey({ server: 'a', tool: 'old' })]);
    const now = ['old', 'x', 'y', 'z', 'w'].map((tool) => ({ server: 'a', tool, diff: '' }));
    const fresh = newlyHeld(known, now);
    expect(fresh.map((change) => change.tool)).toEqual(['x', 'y', 'z', 'w']);
    expect(noticeForHeldTools(fresh)).toMatchObject({
      id: 'tools-held',
      title: '4 tools changed and are held back',
      description: expect.stringContaining('a x, a y, a z and 1 more'),
      action: { target: { page: 'policies' } },
    });
    expect(noticeForHeldTools([])).toBeUndefined();
  });

  describe('an app config changed on disk', () => {
    const change = (fields: Partial<ClientsChanged>): ClientsChanged => ({
      id: 'cursor',
      name: 'Cursor',
      file: '/home/u/.cursor/mcp.json',
      state: 'not-connected',
      previous: 'connected',
      outside: true,
      ...fields,
    });

    it('our entry gone or stale outside the window: a warning whose action is Repair on the Clients page', () => {
      expect(noticeForClientChange(change({}))).toEqual({
        id: 'client-changed:cursor:not-connected',
        tone: 'warning',
        title: 'Cursor’s config was changed outside Switchyard',
        description: 'Our entry is gone.',
        action: { label: 'Repair', target: { page: 'clients', repair: 'cursor' } },
        persistent: true,
      });
      expect(noticeForClientChange(change({ state: 'stale' }))?.description).toBe('Our entry points at an old command or port.');
      expect(noticeForClientChange(change({ previous: 'stale' }))?.action.label).toBe('Repair');
    });

    it('unreadable: an error naming file:line:column, leading to the Clients page (nothing to repair into)', () => {
      const notice = noticeForClientChange(change({ state: 'unreadable', position: { line: 3, column: 34 }, reason: 'line 3, column 34: x' }));
      expect(notice).toMatchObject({ tone: 'error', action: { label: 'Open Clients', target: { page: 'clients' } } });
      expect(notice?.description).toContain('/home/u/.cursor/mcp.json:3:34');
    });

    it('nothing for our own changes, a new connection, a file that was not ours, or a project file', () => {
      expect(noticeForClientChange(change({ outside: false }))).toBeUndefined();
      expect(noticeForClientChange(change({ state: 'connected', previous: 'not-connected' }))).toBeUndefined();
      expect(noticeForClientChange(change({ state: 'unreadable', previous: 'not-connected' }))).toBeUndefined();
      expect(noticeForClientChange(change({ state: 'stale', previous: 'stale' }))).toBeUndefined();
      expect(noticeForClientChange(change({ projectDir: '/work/app' }))).toBeUndefined();
    });
  });
});
