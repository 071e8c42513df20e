import type { ApiHandlers } from '../../../shared/api.js';
import type { RemoteSignIn } from '../../servers/remote-sign-in.js';
import type { ServerSettingsService } from '../../servers/server-settings-service.js';
import type { SettingsSync } from '../../servers/settings-sync.js';

type ServerMethods =
  | 'server.enable'
  | 'server.disable'
  | 'server.inspect'
  | 'server.add'
  | 'server.remove'
  | 'server.signIn'
  | 'server.signOut'
  | 'server.cancelSignIn'
  | 'config.get'
  | 'config.set'
  | 'config.unset';

/**
 * Enable/disable and per-server config, written to the settings file (the one source of truth the CLI also
 * writes) by the ServerSettingsService; then synced at once, so the running gateway and the events
 * (servers.changed, gateway.status) follow before the answer, without waiting for the file watcher.
 */
export function serverHandlers(context: {
  servers: ServerSettingsService;
  signIn: RemoteSignIn;
  settingsSync: SettingsSync;
}): Pick<ApiHandlers, ServerMethods> {
  const { servers, signIn, settingsSync } = context;
  const synced = async <T>(result: T): Promise<T> => {
    await settingsSync.sync();
    return result;
  };
  return {
    'server.enable': async ({ name }) => synced(await servers.enable(name)),
    'server.disable': async ({ name }) => synced({ name: servers.disable(name), enabled: false as const }),
    'server.inspect': ({ name }) => servers.inspect(name),
    'server.add': async ({ name, ...server }) => synced(await servers.add(name, server)),
    'server.remove': async ({ name }) => synced({ name: servers.remove(name), removed: true as const }),
    // Sign-in and sign-out change the secret store only; servers.changed (sign-in) follows from the attempts.
    'server.signIn': ({ name }) => signIn.beginSignIn(name),
    'server.cancelSignIn': ({ name }) => signIn.cancelSignIn(name),
    'server.signOut': async ({ name }) => {
      const { server, revocation, forgotten } = await signIn.signOut(name);
      return { server, revocation: revocation.kind, ...(revocation.kind === 'failed' ? { problem: revocation.problem } : {}), forgotten };
    },
    'config.get': async ({ name }) => servers.config(name),
    'config.set': async ({ name, key, value }) => synced(await servers.setConfig(name, key, value)),
    'config.unset': async ({ name, key }) => synced(await servers.unsetConfig(name, key)),
  };
}
