import type { ApiHandlers } from '../../../shared/api.js';
import type { ClientConnector, ChangeResult } from '../../clients/connector.js';

export function clientHandlers(
  connector: () => ClientConnector,
): Pick<ApiHandlers, 'client.list' | 'client.connect' | 'client.disconnect' | 'client.plan' | 'client.snippet'> {
  return {
    'client.list': async () =>
      connector()
        .list()
        .map((client) => ({
          id: client.id,
          name: client.name,
          installed: client.installed,
          transports: [...client.transports],
          state: client.global.state,
          file: client.global.file,
          ...(client.global.reason ? { reason: client.global.reason } : {}),
          ...(client.global.position ? { position: client.global.position } : {}),
          ...(client.global.profile ? { profile: client.global.profile } : {}),
        })),
    'client.connect': async ({ id, projectDir, transport, profile }) =>
      change(
        await connector().connect(id, {
          ...(projectDir ? { scope: { kind: 'project', dir: projectDir } } : {}),
          ...(transport ? { transport } : {}),
          ...(profile ? { profile } : {}),
        }),
      ),
    'client.plan': async ({ id, projectDir, transport, action, profile }) =>
      connector().plan(id, {
        action,
        ...(projectDir ? { scope: { kind: 'project', dir: projectDir } } : {}),
        ...(transport ? { transport } : {}),
        ...(profile ? { profile } : {}),
      }),
    'client.disconnect': async ({ id, projectDir }) =>
      change(await connector().disconnect(id, projectDir ? { scope: { kind: 'project', dir: projectDir } } : {})),
    'client.snippet': async ({ id }) => {
      const snippet = connector().snippet(id);
      return { file: snippet.file, text: snippet.text, transport: snippet.transport };
    },
  };
}

function change(result: ChangeResult): { client: string; file: string; changed: boolean; backup?: string; restartRequired: boolean } {
  return {
    client: result.client,
    file: result.file,
    changed: result.changed,
    restartRequired: result.restartRequired,
    ...(result.backup ? { backup: result.backup } : {}),
  };
}
