import type { ApiHandlers } from '../../../shared/api.js';
import type { ProfileService } from '../../servers/profile-service.js';
import type { ProfileTransfer } from '../../servers/profile-transfer.js';
import type { SettingsSync } from '../../servers/settings-sync.js';

type ProfileMethods =
  | 'profile.list'
  | 'profile.get'
  | 'profile.create'
  | 'profile.remove'
  | 'profile.update'
  | 'profile.addServer'
  | 'profile.removeServer'
  | 'profile.setTools'
  | 'profile.setListed'
  | 'profile.export'
  | 'profile.import';

/** Profiles: each change is written to settings.json and synced at once (the UI hears profiles.changed from the sync). */
export function profileHandlers(context: {
  profiles: ProfileService;
  transfer: ProfileTransfer;
  settingsSync: SettingsSync;
}): Pick<ApiHandlers, ProfileMethods> {
  const { profiles, transfer, settingsSync } = context;
  const synced = async <T>(result: T): Promise<T> => {
    await settingsSync.sync();
    return result;
  };
  return {
    'profile.list': async () => profiles.list(),
    'profile.get': async ({ name }) => profiles.get(name),
    'profile.create': async ({ name, ...input }) => synced(profiles.create(name, input)),
    'profile.remove': async ({ name }) => {
      profiles.remove(name);
      return synced({ name, removed: true as const });
    },
    'profile.update': async ({ name, ...input }) => synced(profiles.update(name, input)),
    'profile.addServer': async ({ name, server }) => synced(profiles.addServer(name, server)),
    'profile.removeServer': async ({ name, server }) => synced(profiles.removeServer(name, server)),
    'profile.setTools': async ({ name, server, allow }) => synced(profiles.setTools(name, server, allow)),
    'profile.setListed': async ({ name, server, listed }) => synced(profiles.setListed(name, server, listed)),
    'profile.export': async ({ name }) => transfer.export(name),
    'profile.import': async ({ text, name, replace }) => synced(await transfer.import(text, { ...(name ? { name } : {}), ...(replace ? { replace } : {}) })),
  };
}
