import path from 'node:path';
import type { ApiHandlers } from '../../../shared/api.js';
import type { ClientConnector, ChangeResult, ClientStatus } from '../../clients/connector.js';
import type { Scope } from '../../clients/types.js';

export function clientHandlers(
  connector: () => Promise<ClientConnector>,
): Pick<ApiHandlers, 'client.list' | 'client.connect' | 'client.disconnect' | 'client.plan' | 'client.snippet'> {
  return {
    'client.list': async () =>
      (await connector()).list().map((client) => ({
        id: client.id,
        name: client.name,
        installed: client.installed,
        transports: [...client.transports],
        ...fileState(client.global),
        projectScope: client.hasProjectScope,
        projects: client.projects.map((project) => ({ dir: project.dir, ...fileState(project) })),
      })),
    'client.connect': async ({ id, projectDir, transport, profile }) =>
      change(
        await (
          await connector()
        ).connect(id, {
          ...(projectDir ? { scope: projectScope(projectDir) } : {}),
          ...(transport ? { transport } : {}),
          ...(profile ? { profile } : {}),
        }),
      ),
    'client.plan': async ({ id, projectDir, transport, action, profile }) =>
      (await connector()).plan(id, {
        action,
        ...(projectDir ? { scope: projectScope(projectDir) } : {}),
        ...(transport ? { transport } : {}),
        ...(profile ? { profile } : {}),
      }),
    'client.disconnect': async ({ id, projectDir }) => change(await (await connector()).disconnect(id, projectDir ? { scope: projectScope(projectDir) } : {})),
    'client.snippet': async ({ id }) => {
      const snippet = (await connector()).snippet(id);
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

/** A project folder as one path (no trailing separator or `..`), so it is remembered and listed once; a relative one is left for the connector to refuse. */
function projectScope(dir: string): Scope {
  return { kind: 'project', dir: path.isAbsolute(dir) ? path.resolve(dir) : dir };
}

function fileState(status: ClientStatus) {
  return {
    state: status.state,
    file: status.file,
    ...(status.reason ? { reason: status.reason } : {}),
    ...(status.position ? { position: status.position } : {}),
    ...(status.profile ? { profile: status.profile } : {}),
  };
}
