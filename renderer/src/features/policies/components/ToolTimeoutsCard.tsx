import { zodResolver } from '@hookform/resolvers/zod';
import { Timer, Trash2 } from 'lucide-react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { SwitchyardError } from '../../../../../shared/errors.js';
import { ToolCallTimeoutSchema, type ServerLimits } from '../../../../../shared/settings-types.js';
import { Button } from '../../../ui/button.js';
import { Field, inputClass } from '../../../ui/field.js';
import { SectionCard } from '../../../ui/section-card.js';
import { notify } from '../../../ui/toast.js';
import { useUpdateSettings } from '../../settings/hooks/use-engine-settings.js';
import { refusedSettingsFields } from '../../settings/lib/engine-issues.js';

const ToolTimeoutFormSchema = z.object({
  server: z.string().trim().min(1, 'name the server'),
  tool: z.string().trim().min(1, 'name the tool'),
  seconds: ToolCallTimeoutSchema,
});
type ToolTimeoutForm = z.infer<typeof ToolTimeoutFormSchema>;

interface ToolTimeout {
  server: string;
  tool: string;
  seconds: number;
}

const rowText = ({ server, tool, seconds }: ToolTimeout) => `${server} · ${tool} · ${seconds === 0 ? 'no limit' : `${seconds} s`}`;

/**
 * A tool's own call timeout, over its server's and the gateway's (a slow export may need longer, a quick lookup
 * less). The running gateway applies a change to the next call.
 */
export function ToolTimeoutsCard({ servers }: { servers: ServerLimits[] }) {
  const update = useUpdateSettings();
  const timeouts: ToolTimeout[] = servers.flatMap((server) =>
    Object.entries(server.toolCallTimeoutSeconds ?? {}).map(([tool, seconds]) => ({ server: server.name, tool, seconds })),
  );
  const form = useForm<ToolTimeoutForm>({
    defaultValues: { server: '', tool: '', seconds: 60 },
    resolver: zodResolver(ToolTimeoutFormSchema),
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });

  const add = form.handleSubmit(async ({ server, tool, seconds }) => {
    try {
      await update.mutateAsync({ servers: { [server]: { toolCallTimeoutSeconds: { [tool]: seconds } } } });
      notify.success(`Call timeout of ${server} ${tool}: ${seconds === 0 ? 'no limit' : `${seconds} s`}.`);
      form.reset({ server, tool: '', seconds });
    } catch (error) {
      const refused = Object.entries(refusedSettingsFields(error, 'servers'));
      if (refused.length > 0) return form.setError('seconds', { type: 'engine', message: refused[0]![1] });
      // An unknown server is refused by name: the field it came from says so.
      if (error instanceof SwitchyardError && error.code === 'SERVER_NOT_FOUND')
        return form.setError('server', { type: 'engine', message: `no server named “${server}” is configured` });
      notify.error('Could not save the call timeout', error);
    }
  });
  const remove = async (timeout: ToolTimeout) => {
    try {
      await update.mutateAsync({ servers: { [timeout.server]: { toolCallTimeoutSeconds: { [timeout.tool]: null } } } });
      notify.success(`${timeout.server} ${timeout.tool} has its server’s call timeout again.`);
    } catch (error) {
      notify.error('Could not remove the call timeout', error);
    }
  };
  const { errors } = form.formState;

  return (
    <SectionCard
      title="Per-tool call timeouts"
      description="A tool’s own limit wins over its server’s and the gateway’s. 0: no limit. Applies to the next call."
    >
      {timeouts.length === 0 ? (
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">No tool has its own limit.</p>
      ) : (
        <ul
          aria-label="Per-tool call timeouts"
          className="mb-4 divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
        >
          {timeouts.map((timeout) => (
            <li key={`${timeout.server}/${timeout.tool}`} aria-label={rowText(timeout)} className="flex items-center gap-3 px-3 py-2 text-sm">
              <span className="min-w-0 flex-1 font-mono break-all">{rowText(timeout)}</span>
              <Button
                size="icon"
                variant="ghost"
                aria-label={`Remove the call timeout of ${timeout.server} ${timeout.tool}`}
                disabled={update.isPending}
                onClick={() => void remove(timeout)}
              >
                <Trash2 className="h-4 w-4" aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        noValidate
        aria-label="Add a tool call timeout"
        onSubmit={(event) => void add(event)}
        className="grid items-start gap-3 sm:grid-cols-[1fr_1fr_8rem_auto]"
      >
        <Field label="Server of the tool" error={errors.server?.message}>
          <input type="text" list="tool-timeout-servers" spellCheck={false} className={inputClass} {...form.register('server')} />
        </Field>
        <datalist id="tool-timeout-servers">
          {servers.map((server) => (
            <option key={server.name} value={server.name} />
          ))}
        </datalist>
        <Field label="Tool" error={errors.tool?.message}>
          <input type="text" spellCheck={false} className={inputClass} {...form.register('tool')} />
        </Field>
        <Field label="Timeout (s)" error={errors.seconds?.message}>
          <input type="number" inputMode="numeric" className={inputClass} {...form.register('seconds', { valueAsNumber: true })} />
        </Field>
        <Button type="submit" variant="primary" className="sm:mt-6" disabled={form.formState.isSubmitting}>
          <Timer className="h-4 w-4" aria-hidden />
          Set timeout
        </Button>
      </form>
    </SectionCard>
  );
}
