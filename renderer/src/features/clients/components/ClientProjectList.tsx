import { FolderOpen, Unplug, Wrench } from 'lucide-react';
import type { ClientRow } from '../../../../../shared/catalog-types.js';
import { Button } from '../../../ui/button.js';
import type { ClientAction } from './ClientChangeDialog.js';
import { ClientStateBadge } from './ClientStateBadge.js';

/**
 * The project folders an app was connected for from this engine (client.list's `projects`): each with its
 * project-level file, its state, and Repair / Disconnect. A project whose entry was removed by hand leaves the list.
 */
export function ClientProjectList({ client, onAction }: { client: ClientRow; onAction: (action: ClientAction, dir: string) => void }) {
  return (
    <div className="w-full pl-0 sm:pl-[3.25rem]">
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">Projects</h3>
      <ul
        aria-label={`${client.name} projects`}
        className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
      >
        {client.projects.map((project) => (
          <li key={project.dir} aria-label={project.dir} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
            <FolderOpen className="h-4 w-4 shrink-0 text-slate-500 dark:text-slate-400" aria-hidden />
            <div className="min-w-[10rem] flex-1">
              <p className="font-mono text-sm break-all">{project.dir}</p>
              <p className="font-mono text-xs break-all text-slate-600 dark:text-slate-400">{project.file}</p>
              {project.state === 'unreadable' && project.reason && <p className="text-sm text-red-700 dark:text-red-300">{project.reason}</p>}
              {project.state === 'stale' && (
                <p className="text-sm text-amber-800 dark:text-amber-200">Switchyard’s entry points at an old command or port: repair it.</p>
              )}
            </div>
            <ClientStateBadge state={project.state} />
            <div className="flex gap-2">
              {project.state === 'stale' && (
                <Button size="sm" variant="primary" aria-label={`Repair ${client.name} for ${project.dir}`} onClick={() => onAction('repair', project.dir)}>
                  <Wrench className="h-3.5 w-3.5" aria-hidden />
                  Repair
                </Button>
              )}
              <Button
                size="sm"
                disabled={project.state === 'unreadable'}
                aria-label={`Disconnect ${client.name} for ${project.dir}`}
                onClick={() => onAction('disconnect', project.dir)}
              >
                <Unplug className="h-3.5 w-3.5" aria-hidden />
                Disconnect
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
