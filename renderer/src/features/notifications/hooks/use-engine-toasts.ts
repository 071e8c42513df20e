import { useEffect } from 'react';
import type { GatewayStatus } from '../../../../../shared/domain.js';
import { useApi } from '../../../api/api-context.js';
import { heldKey, newlyHeld, noticeForClientChange, noticeForHeldTools, noticesForStatus, type EngineNotice } from '../lib/engine-notices.js';

/** Tool changes come in bursts (a new list for every server, pins written): one look at the held tools per burst. */
const heldToolsSettleMs = 400;

/**
 * Follows the engine's events and calls `show` for what deserves a toast: a server that failed, an image ready,
 * tools newly held back, an app's entry of ours broken outside the window. Only what happens while the window is open (nothing for the state it found).
 */
export function useEngineNotices(show: (notice: EngineNotice) => void): void {
  const api = useApi();
  useEffect(() => {
    let previous: GatewayStatus | undefined;
    let known: Set<string> | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const lookAtHeldTools = async () => {
      const pending = await api.call('tools.pending', {}).catch(() => undefined);
      if (!pending || stopped) return;
      const fresh = known ? newlyHeld(known, pending) : [];
      known = new Set(pending.map(heldKey));
      const notice = noticeForHeldTools(fresh);
      if (notice) show(notice);
    };
    void lookAtHeldTools();
    void api
      .call('gateway.status', {})
      .then((status) => (previous ??= status))
      .catch(() => undefined);

    const stops = [
      api.on('gateway.status', (status) => {
        for (const notice of noticesForStatus(previous, status)) show(notice);
        previous = status;
      }),
      api.on('clients.changed', (change) => {
        const notice = noticeForClientChange(change);
        if (notice) show(notice);
      }),
      api.on('tools.changed', () => {
        clearTimeout(timer);
        timer = setTimeout(() => void lookAtHeldTools(), heldToolsSettleMs);
      }),
    ];
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const stop of stops) stop();
    };
  }, [api, show]);
}
