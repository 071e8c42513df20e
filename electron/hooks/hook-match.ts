import type { HookSettings } from '../settings/settings-schema.js';

/** The hooks that apply to one call at one moment, in the order the settings list them. */
export function hooksFor(hooks: readonly HookSettings[], when: HookSettings['when'], call: { server: string; name: string }): HookSettings[] {
  return hooks.filter((hook) => hook.when === when && matches(hook.match?.server, call.server) && matches(hook.match?.tool, call.name));
}

/** No pattern matches everything; `*` stands for any run of characters, everything else is literal. */
export function matches(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined) return true;
  if (!pattern.includes('*')) return pattern === value;
  const expression = pattern.split('*').map(escapeRegExp).join('.*');
  return new RegExp(`^${expression}$`, 's').test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
