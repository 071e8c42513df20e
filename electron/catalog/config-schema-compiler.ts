import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: Node hands over module.exports (the plugin), bundlers may hand over { default }.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const formatsModule = addFormatsModule as unknown as FormatsPlugin | { default: FormatsPlugin };
const addFormats: FormatsPlugin = typeof formatsModule === 'function' ? formatsModule : formatsModule.default;

/** A validator of a catalog entry's configuration schema (planLaunch's `compile`). */
export type ConfigSchemaCompiler = (schema: object) => ValidateFunction;

/** Built on the first configuration compiled. */
let ajv: Ajv | undefined;

/**
 * Compiles a configuration schema with ajv (all errors, formats, defaults filled in, arrays coerced). Its own
 * module, loaded only where a catalog entry declares a configuration (loadConfigSchemaCompiler): a gateway of
 * `--image` servers never reads ajv.
 */
export const compileConfigSchema: ConfigSchemaCompiler = (schema) => {
  ajv ??= addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: 'array', useDefaults: true }));
  return ajv.compile(schema);
};
