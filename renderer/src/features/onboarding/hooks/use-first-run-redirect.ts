import { useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useFirstRun } from './use-first-run.js';

/**
 * Opens the first run once per window when the engine says to (a new home, or no server switched on, and the
 * guide not finished); a deep link elsewhere is honoured only after that first time.
 */
export function useFirstRunRedirect(): void {
  const firstRun = useFirstRun();
  const navigate = useNavigate();
  const path = useRouterState({ select: (state) => state.location.pathname });
  const decided = useRef(false);
  useEffect(() => {
    if (decided.current || !firstRun.data) return;
    decided.current = true;
    if (firstRun.data.show && path !== '/welcome') void navigate({ to: '/welcome' });
  }, [firstRun.data, navigate, path]);
}
