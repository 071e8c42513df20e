import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DesktopPreferenceChange } from '../../../../../shared/desktop-preferences.js';
import { useApi } from '../../../api/api-context.js';

/** Whether this window runs in the desktop app (its preload offers the desktop domain); false in web mode. */
export function useIsDesktopApp(): boolean {
  return useApi().desktop !== undefined;
}

/** The desktop app's start at login, start hidden and notifications under ['desktop-preferences'] (desktop app only). */
export function useDesktopPreferences() {
  const { desktop } = useApi();
  return useQuery({
    queryKey: ['desktop-preferences'],
    queryFn: () => desktop!.preferences.get(),
    enabled: desktop !== undefined,
  });
}

/** Applies a change in the main process; its answer (the values as now in force) replaces the cache. */
export function useChangeDesktopPreferences() {
  const { desktop } = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (change: DesktopPreferenceChange) => desktop!.preferences.set(change),
    onSuccess: (values) => queries.setQueryData(['desktop-preferences'], values),
  });
}
