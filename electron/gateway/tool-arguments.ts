import { Ajv, type ValidateFunction } from 'ajv';

/** One way arguments miss a tool's input schema: the JSON pointer of the field and what is wrong. */
export interface ArgumentProblem {
  path: string;
  message: string;
}

/** Built on the first check (its meta-schemas take ~8 ms to add). The module itself loads with the first call_tool (on-demand-tools.ts). */
let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction | undefined>();

/**
 * Checks a call's arguments against the tool's `inputSchema` before it is relayed (call_tool). A schema ajv
 * cannot compile is not held against the caller: the server judges those arguments itself.
 */
export function argumentProblems(inputSchema: unknown, args: unknown): ArgumentProblem[] {
  if (typeof inputSchema !== 'object' || inputSchema === null) return [];
  let validate = compiled.get(inputSchema);
  if (!compiled.has(inputSchema)) {
    try {
      ajv ??= new Ajv({ allErrors: true, strict: false, validateSchema: false });
      validate = ajv.compile({ ...(inputSchema as Record<string, unknown>), $schema: undefined, $id: undefined });
    } catch {
      validate = undefined;
    }
    compiled.set(inputSchema, validate);
  }
  if (!validate || validate(args)) return [];
  return (validate.errors ?? []).map((error) => {
    const missing = error.keyword === 'required' ? `/${String((error.params as { missingProperty?: string }).missingProperty)}` : '';
    const extra = error.keyword === 'additionalProperties' ? `/${String((error.params as { additionalProperty?: string }).additionalProperty)}` : '';
    return { path: `${error.instancePath}${missing}${extra}` || '/', message: error.message ?? error.keyword };
  });
}
