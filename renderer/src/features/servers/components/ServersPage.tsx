import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { Boxes, Plus } from 'lucide-react';
import { useState } from 'react';
import type { ServerStatus } from '../../../../../shared/domain.js';
import { useGatewayStatus } from '../../../api/gateway-queries.js';
import { useFirstScreenMark } from '../../../api/use-first-screen-mark.js';
import { Button, buttonClasses } from '../../../ui/button.js';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states.js';
import { ProfileBar } from '../../profiles/components/ProfileBar.js';
import { ProfileMembers } from '../../profiles/components/ProfileMembers.js';
import { useProfiles } from '../../profiles/hooks/use-profile-queries.js';
import { AddServerDialog } from './AddServerDialog.js';
import { ServerRow } from './ServerRow.js';

/**
 * My servers: the profile switcher, then the servers of the chosen profile with their container's state and
 * Start/Stop (the default profile: every enabled server), and a way to add a custom server.
 */
export function ServersPage() {
  const gateway = useGatewayStatus();
  const profiles = useProfiles();
  const navigate = useNavigate({ from: '/servers' });
  const { profile: chosen = 'default' } = useSearch({ from: '/servers' });
  const [adding, setAdding] = useState(false);
  const servers = gateway.data?.servers ?? [];
  const selected = profiles.data?.find((profile) => profile.name === chosen);
  const select = (name: string) => void navigate({ search: name === 'default' ? {} : { profile: name } });

  // The default profile's list needs only the gateway's status (the first screen asks for it early); the
  // switcher joins it when the profiles are read.
  useFirstScreenMark(gateway.data !== undefined);

  let body;
  if (gateway.isPending || (chosen !== 'default' && profiles.isPending)) {
    body = <LoadingState label="Loading your servers…" />;
  } else if (gateway.isError) {
    body = <ErrorState title="Could not read the servers" error={gateway.error} action={<Button onClick={() => void gateway.refetch()}>Try again</Button>} />;
  } else if (profiles.isError) {
    body = (
      <>
        <ErrorState title="Could not read the profiles" error={profiles.error} action={<Button onClick={() => void profiles.refetch()}>Try again</Button>} />
        {chosen === 'default' && <EnabledServers servers={servers} />}
      </>
    );
  } else if (profiles.isPending) {
    body = <EnabledServers servers={servers} />;
  } else if (!selected) {
    body = (
      <ErrorState
        title={`There is no profile named “${chosen}”`}
        error="It may have been removed (here, with the CLI or in settings.json)."
        action={<Button onClick={() => select('default')}>Show every enabled server</Button>}
      />
    );
  } else {
    body = (
      <>
        <ProfileBar profiles={profiles.data} selected={selected} enabledServers={servers.map((server) => server.name)} onSelect={select} />
        {selected.builtIn ? <EnabledServers servers={servers} /> : <ProfileMembers profile={selected} statuses={servers} />}
      </>
    );
  }

  return (
    <section aria-labelledby="page-title" className="mx-auto max-w-5xl space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 id="page-title" className="text-2xl font-semibold tracking-tight">
            My servers
          </h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Servers your AI apps reach through Switchyard. Each starts in its own container on first call.
          </p>
        </div>
        <Button variant="primary" onClick={() => setAdding(true)}>
          <Plus className="h-4 w-4" aria-hidden />
          Add server
        </Button>
      </div>
      {body}
      <AddServerDialog open={adding} onOpenChange={setAdding} />
    </section>
  );
}

/** The default profile: every enabled server. */
function EnabledServers({ servers }: { servers: ServerStatus[] }) {
  if (servers.length === 0) {
    return (
      <EmptyState
        icon={<Boxes className="h-10 w-10" />}
        title="No servers enabled yet"
        action={
          <Link to="/catalog" className={buttonClasses('primary')}>
            Browse the catalog
          </Link>
        }
      >
        Switch a server on in the catalog, or add your own image, npm package or remote URL with Add server.
      </EmptyState>
    );
  }
  return (
    <ul
      aria-label="Enabled servers"
      className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
    >
      {servers.map((server) => (
        <ServerRow key={server.name} server={server} />
      ))}
    </ul>
  );
}
