import type { ToolRow } from '../../../../../shared/catalog-types.js';

/** A tool the allow-list editor offers: the server's known tools, then any allowed name it does not offer now. */
export interface ToolChoice {
  name: string;
  description?: string;
  /** Switched off for every client (the server page's Tools tab): allowing it here does not show it. */
  hiddenEverywhere: boolean;
  /** In the allow-list, but not in the server's last tool list (renamed or removed since, or not learned yet). */
  notOffered: boolean;
}

export function toolChoices(tools: ToolRow[], allow: readonly string[] | undefined): ToolChoice[] {
  const known = new Set(tools.map((tool) => tool.name));
  return [
    ...tools.map((tool) => ({
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      hiddenEverywhere: !tool.enabled,
      notOffered: false,
    })),
    ...(allow ?? []).filter((name) => !known.has(name)).map((name) => ({ name, hiddenEverywhere: false, notOffered: true })),
  ];
}

/** Every tool (no allow-list: also the tools the server adds later), or only the checked ones. */
export type AllowMode = 'all' | 'only';

/**
 * What profile.setTools gets: `null` lifts the allow-list; the checked names otherwise, in the list's order. An
 * empty allow-list would hide the whole server, which is what removing it from the profile is for.
 */
export function allowListInput(mode: AllowMode, checked: ReadonlySet<string>, choices: ToolChoice[]): { allow: string[] | null } | { problem: string } {
  if (mode === 'all') return { allow: null };
  const allow = choices.map((choice) => choice.name).filter((name) => checked.has(name));
  if (allow.length === 0) return { problem: 'Check at least one tool, or choose every tool. To hide the whole server, remove it from the profile.' };
  return { allow };
}

/** "Every tool", or "2 tools: a, b" (the first few names). */
export function allowSummary(allow: readonly string[] | undefined): string {
  if (!allow) return 'Every tool';
  const shown = allow.slice(0, 3).join(', ');
  const more = allow.length > 3 ? ` and ${allow.length - 3} more` : '';
  return `${allow.length === 1 ? '1 tool' : `${allow.length} tools`}: ${shown}${more}`;
}
