import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { notify } from '../../../../ui/toast.js';
import type { ReadinessProblem, ServerReadiness } from '../../../../../../shared/catalog-types.js';
import { useApi } from '../../../../api/api-context.js';
import { readinessProblems, refusedConfigFields } from './readiness-problems.js';
import { asJsonSchema, type ConfigChange } from './server-config-schema.js';
import { SchemaForm } from './SchemaForm.js';
import { EmptyState } from '../../../../ui/states.js';

/** The configuration tab: the generated form, saved one key at a time with config.set / config.unset. */
export function ConfigSection({ readiness }: { readiness: ServerReadiness }) {
  const { call } = useApi();
  const queryClient = useQueryClient();
  // Keyed by content: every refetch brings new objects, and a new schema or problem list would reset the form under the user's hands.
  const schemaJson = JSON.stringify(readiness.configSchema ?? null);
  const problemsJson = JSON.stringify(readiness.problems);
  const schema = useMemo(() => asJsonSchema(JSON.parse(schemaJson)), [schemaJson]);
  const problems = useMemo(() => readinessProblems(JSON.parse(problemsJson) as ReadinessProblem[]).config, [problemsJson]);

  if (!schema) {
    return (
      <EmptyState title="Nothing to configure">
        {readiness.source.kind === 'catalog'
          ? 'This catalog entry declares no configuration.'
          : 'A custom server is configured by its image, environment and secrets, set when it was added.'}
      </EmptyState>
    );
  }

  const save = async (changes: ConfigChange[]) => {
    const name = readiness.name;
    try {
      for (const change of changes) {
        if ('unset' in change) await call('config.unset', { name, key: change.key });
        else await call('config.set', { name, key: change.key, value: change.value });
      }
      notify.success(changes.length === 1 ? `Saved ${changes[0]?.key}` : `Saved ${changes.length} settings`);
    } catch (error) {
      // A value the engine refused goes back to the form, which marks its field; anything else is a toast.
      if (Object.keys(refusedConfigFields(error)).length > 0) throw error;
      notify.error('Could not save the configuration', error);
    } finally {
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['server', name] }), queryClient.invalidateQueries({ queryKey: ['config', name] })]);
    }
  };

  return <SchemaForm schema={schema} config={readiness.config} engineProblems={problems} onSave={save} />;
}
