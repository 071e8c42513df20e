import { useNavigate } from '@tanstack/react-router';
import { useCallback } from 'react';
import { toast } from 'sonner';
import { useEngineNotices } from '../hooks/use-engine-toasts.js';
import type { EngineNotice, NoticeTarget } from '../lib/engine-notices.js';

/** How long the same notice stays quiet after it was shown (a server failing again and again is one toast). */
const quietMs = 30_000;

/**
 * Window toasts for what the engine saw happen on its own (a server failed, an image is ready, tools held back, an
 * app's config changed outside the window), each
 * with the action that opens the page dealing with it. Mounted once, inside the router.
 */
export function EngineToasts() {
  const navigate = useNavigate();
  const open = useCallback(
    (target: NoticeTarget) => {
      if (target.page === 'policies') void navigate({ to: '/policies' });
      else if (target.page === 'clients') void navigate({ to: '/clients', search: target.repair ? { repair: target.repair } : {} });
      else void navigate({ to: '/servers/$name', params: { name: target.name }, search: { section: target.section } });
    },
    [navigate],
  );
  const show = useCallback(
    (notice: EngineNotice) => {
      const now = Date.now();
      if (now - (lastShown.get(notice.id) ?? 0) < quietMs) return;
      lastShown.set(notice.id, now);
      const options = {
        id: notice.id,
        ...(notice.description ? { description: notice.description } : {}),
        action: { label: notice.action.label, onClick: () => open(notice.action.target) },
      };
      const duration = notice.persistent ? Infinity : 10_000;
      if (notice.tone === 'error') toast.error(notice.title, { ...options, duration });
      else if (notice.tone === 'warning') toast.warning(notice.title, { ...options, duration });
      else toast.success(notice.title, options);
    },
    [open],
  );
  useEngineNotices(show);
  return null;
}

const lastShown = new Map<string, number>();
