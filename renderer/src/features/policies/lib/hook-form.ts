import { z } from 'zod';
import type { HookOptions } from '../../../../../shared/settings-types.js';

/** The add-a-hook form's values, as typed: the command is one line of words (no shell), empty fields are "not set". */
export const HookFormSchema = z
  .object({
    name: z.string().trim().min(1, 'give the hook a name'),
    when: z.enum(['before', 'after']),
    server: z.string().trim(),
    tool: z.string().trim(),
    kind: z.enum(['command', 'url']),
    command: z.string().trim(),
    url: z.string().trim(),
    timeoutMs: z
      .number({ error: 'give a number of milliseconds' })
      .int('a whole number of milliseconds')
      .min(1, '1 to 600000 ms')
      .max(600_000, '1 to 600000 ms'),
    onError: z.enum(['default', 'allow', 'block']),
  })
  .superRefine((hook, ctx) => {
    if (hook.kind === 'command' && hook.command === '') ctx.addIssue({ code: 'custom', path: ['command'], message: 'give the program to run' });
    if (hook.kind === 'url' && hook.url === '') ctx.addIssue({ code: 'custom', path: ['url'], message: 'give the URL to call' });
  });
export type HookForm = z.infer<typeof HookFormSchema>;

export const emptyHookForm: HookForm = {
  name: '',
  when: 'before',
  server: '',
  tool: '',
  kind: 'command',
  command: '',
  url: '',
  timeoutMs: 5000,
  onError: 'default',
};

/** The hook the settings keep, from the form's values. */
export function hookFromForm(form: HookForm): HookOptions {
  const match = { ...(form.server ? { server: form.server } : {}), ...(form.tool ? { tool: form.tool } : {}) };
  return {
    name: form.name,
    when: form.when,
    ...(Object.keys(match).length > 0 ? { match } : {}),
    ...(form.kind === 'command' ? { command: form.command.split(/\s+/) } : { url: form.url }),
    timeoutMs: form.timeoutMs,
    ...(form.onError !== 'default' ? { onError: form.onError } : {}),
  };
}

/** One line saying what a hook does, for its row. */
export function describeHook(hook: HookOptions): string {
  const target = hook.match ? [hook.match.server ?? '*', hook.match.tool ?? '*'].join(' · ') : 'every call';
  const runs = hook.command ? hook.command.join(' ') : (hook.url ?? '');
  const onError = hook.onError ?? (hook.when === 'before' ? 'block' : 'allow');
  return `${hook.when} ${target}: ${runs} (timeout ${hook.timeoutMs} ms, on error ${onError})`;
}
