import { useNavigate, useSearch } from '@tanstack/react-router';
import { Tabs } from 'radix-ui';
import { useServerContainer, useServerReadiness } from '../hooks/use-server-queries.js';
import { errorCode } from './server-page/error-text.js';
import { Button } from '../../../ui/button.js';
import { ConfigSection } from './server-page/ConfigSection.js';
import { LogSection } from './server-page/LogSection.js';
import { NotConfigured } from './server-page/NotConfigured.js';
import { PageFrame } from './server-page/PageFrame.js';
import { OverviewSection } from './server-page/OverviewSection.js';
import { SecretsSection } from './server-page/SecretsSection.js';
import { ErrorState, LoadingState } from '../../../ui/states.js';
import { asServerSection, serverSectionLabels, serverSections, type ServerSection } from './server-page/server-sections.js';
import { ToolsSection } from './server-page/ToolsSection.js';

/**
 * One configured server (catalog entry or custom): Overview, Configuration, Secrets, Tools and Log as tabs;
 * the `section` search parameter selects one, so `#/servers/github-official?section=secrets` opens its secrets.
 */
export function ServerPage({ name }: { name: string }) {
  const search = useSearch({ strict: false }) as { section?: unknown };
  const navigate = useNavigate();
  const section = asServerSection(search.section);
  const readiness = useServerReadiness(name);
  const container = useServerContainer(name);

  const openSection = (next: ServerSection) => void navigate({ to: '/servers/$name', params: { name }, search: { section: next }, replace: true });

  if (readiness.isLoading) {
    return (
      <PageFrame title={name}>
        <LoadingState label={`Loading ${name}…`} />
      </PageFrame>
    );
  }
  if (errorCode(readiness.error) === 'SERVER_NOT_FOUND') return <NotConfigured name={name} />;
  if (readiness.error || !readiness.data) {
    return (
      <PageFrame title={name}>
        <ErrorState
          title={`Could not read ${name}`}
          error={readiness.error}
          action={
            <Button size="sm" onClick={() => void readiness.refetch()}>
              Try again
            </Button>
          }
        />
      </PageFrame>
    );
  }

  const server = readiness.data;
  const title = server.source.kind === 'catalog' ? (server.source.title ?? name) : name;
  const description = server.source.kind === 'catalog' ? server.source.description : undefined;
  return (
    <PageFrame title={title} subtitle={title !== name ? name : undefined} description={description}>
      <Tabs.Root value={section} onValueChange={(value) => openSection(asServerSection(value))} className="flex flex-col gap-5">
        <Tabs.List aria-label={`${name} sections`} className="-mx-1 flex gap-1 overflow-x-auto border-b border-slate-200 px-1 dark:border-slate-700">
          {serverSections.map((tab) => (
            <Tabs.Trigger
              key={tab}
              value={tab}
              className="shrink-0 border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 data-[state=active]:border-blue-600 data-[state=active]:text-blue-700 dark:text-slate-300 dark:hover:text-white dark:data-[state=active]:border-blue-400 dark:data-[state=active]:text-blue-300"
            >
              {serverSectionLabels[tab]}
              {tab === 'secrets' && server.secrets.some((secret) => secret.required && !secret.set) ? <NeedsDot label="secrets missing" /> : null}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <Tabs.Content value="overview" className="focus-visible:outline-none">
          <OverviewSection
            readiness={server}
            status={container.status}
            gatewayRunning={container.gatewayRunning}
            onOpenSection={openSection}
            onRemoved={() => void navigate({ to: '/servers' })}
          />
        </Tabs.Content>
        <Tabs.Content value="config" className="focus-visible:outline-none">
          <ConfigSection readiness={server} />
        </Tabs.Content>
        <Tabs.Content value="secrets" className="focus-visible:outline-none">
          <SecretsSection readiness={server} />
        </Tabs.Content>
        <Tabs.Content value="tools" className="focus-visible:outline-none">
          <ToolsSection readiness={server} />
        </Tabs.Content>
        <Tabs.Content value="log" className="focus-visible:outline-none">
          <LogSection status={container.status} />
        </Tabs.Content>
      </Tabs.Root>
    </PageFrame>
  );
}

function NeedsDot({ label }: { label: string }) {
  return (
    <>
      <span aria-hidden="true" className="ml-1.5 inline-block h-2 w-2 rounded-full bg-amber-500 align-middle" />
      <span className="sr-only"> ({label})</span>
    </>
  );
}
