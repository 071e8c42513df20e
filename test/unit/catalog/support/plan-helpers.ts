import { expect } from 'vitest';
import { loadBundledCatalog, parseCatalogText } from '../../../../electron/catalog/catalog-loader.js';
import type { CatalogEntry } from '../../../../electron/catalog/catalog-schema.js';
import { compileConfigSchema } from '../../../../electron/catalog/config-schema-compiler.js';
import { planLaunch, type LaunchPlan, type PlanInput } from '../../../../electron/catalog/launch-plan.js';

/** Every entry of the bundled catalog, by name. */
export const bundled = loadBundledCatalog().entries;

/** An entry of the bundled catalog, by name. */
export function entry(name: string): CatalogEntry {
  const found = bundled.get(name);
  if (!found) throw new Error(`no bundled entry ${name}`);
  return found;
}

/** A custom entry, validated like any catalog's. */
export function custom(yamlEntry: string): CatalogEntry {
  const catalog = parseCatalogText(`registry:\n  custom:\n${yamlEntry.replace(/^/gm, '    ')}\n`, 'test');
  expect(catalog.problems).toEqual([]);
  return catalog.entries.get('custom') as CatalogEntry;
}

/** A plan with no secrets set and a fixed home folder, unless the test says otherwise. */
export function plan(input: Partial<PlanInput> & { server: string; entry: CatalogEntry }): LaunchPlan {
  return planLaunch({ secret: () => undefined, homeDir: '/home/me', compile: compileConfigSchema, ...input });
}

export function ready(result: LaunchPlan): Extract<LaunchPlan, { kind: 'ready' }> {
  if (result.kind !== 'ready') throw new Error(`expected a ready plan, got ${JSON.stringify(result)}`);
  return result;
}
