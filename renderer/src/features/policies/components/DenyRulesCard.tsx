import { zodResolver } from '@hookform/resolvers/zod';
import { Plus, Trash2 } from 'lucide-react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { DenyRuleSchema, type DenyRule } from '../../../../../shared/settings-types.js';
import { Button } from '../../../ui/button.js';
import { Field, inputClass } from '../../../ui/field.js';
import { SectionCard } from '../../../ui/section-card.js';
import { notify } from '../../../ui/toast.js';
import { useUpdateSettings } from '../../settings/hooks/use-engine-settings.js';

/** The add form's values: an empty tool means the whole server. */
const DenyRuleFormSchema = z.object({ server: DenyRuleSchema.shape.server, tool: z.string().trim() });
type DenyRuleForm = z.infer<typeof DenyRuleFormSchema>;

function ruleText(rule: DenyRule): string {
  return rule.tool ? `${rule.server} · ${rule.tool}` : `${rule.server} · every tool`;
}

/**
 * Calls never relayed: a whole server, or one tool (prompt, resource) of it. The running gateway applies a change
 * at once; a denied call gets an error the model can read, and is recorded with its reason.
 */
export function DenyRulesCard({ rules, servers }: { rules: DenyRule[]; servers: string[] }) {
  const update = useUpdateSettings();
  const form = useForm<DenyRuleForm>({ defaultValues: { server: '', tool: '' }, resolver: zodResolver(DenyRuleFormSchema), mode: 'onSubmit' });

  const save = async (deny: DenyRule[], done: string) => {
    try {
      await update.mutateAsync({ policy: { deny } });
      notify.success(done);
      return true;
    } catch (error) {
      notify.error('Could not save the deny rules', error);
      return false;
    }
  };
  const add = form.handleSubmit(async ({ server, tool }) => {
    const rule: DenyRule = tool ? { server, tool } : { server };
    if (rules.some((existing) => existing.server === rule.server && existing.tool === rule.tool))
      return form.setError('tool', { type: 'duplicate', message: `${ruleText(rule)} is denied already.` });
    if (await save([...rules, rule], `Denied: ${ruleText(rule)}.`)) form.reset({ server, tool: '' });
  });

  return (
    <SectionCard title="Deny rules" description="Calls to these servers or tools are refused, whatever app makes them. Applies at once.">
      {rules.length === 0 ? (
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">No rule: every enabled tool can be called.</p>
      ) : (
        <ul aria-label="Deny rules" className="mb-4 divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {rules.map((rule, index) => (
            <li key={`${rule.server}/${rule.tool ?? '*'}`} aria-label={ruleText(rule)} className="flex items-center gap-3 px-3 py-2 text-sm">
              <span className="min-w-0 flex-1 font-mono break-all">{ruleText(rule)}</span>
              <Button
                size="icon"
                variant="ghost"
                aria-label={`Remove the rule ${ruleText(rule)}`}
                disabled={update.isPending}
                onClick={() =>
                  void save(
                    rules.filter((_, at) => at !== index),
                    `Allowed again: ${ruleText(rule)}.`,
                  )
                }
              >
                <Trash2 className="h-4 w-4" aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form noValidate aria-label="Add a deny rule" onSubmit={(event) => void add(event)} className="grid items-start gap-3 sm:grid-cols-[1fr_1fr_auto]">
        <Field label="Server" error={form.formState.errors.server?.message}>
          <input type="text" list="deny-rule-servers" spellCheck={false} className={inputClass} {...form.register('server')} />
        </Field>
        <datalist id="deny-rule-servers">
          {servers.map((server) => (
            <option key={server} value={server} />
          ))}
        </datalist>
        <Field label="Tool (empty: every tool)" error={form.formState.errors.tool?.message}>
          <input type="text" spellCheck={false} className={inputClass} {...form.register('tool')} />
        </Field>
        <Button type="submit" variant="primary" className="sm:mt-6" disabled={form.formState.isSubmitting}>
          <Plus className="h-4 w-4" aria-hidden />
          Add rule
        </Button>
      </form>
    </SectionCard>
  );
}
