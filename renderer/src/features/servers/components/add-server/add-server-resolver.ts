import { toNestErrors } from '@hookform/resolvers';
import type { FieldErrors, Resolver } from 'react-hook-form';
import { addServerInput, type AddServerValues } from './add-server-input.js';

/** react-hook-form validation with the add-server rules: each problem on the field that causes it. */
export const addServerResolver: Resolver<AddServerValues> = (values, _context, options) => {
  const checked = addServerInput(values);
  if ('input' in checked) return { values, errors: {} };
  const flat: FieldErrors = {};
  for (const [path, message] of Object.entries(checked.problems)) flat[path] = { type: 'validate', message };
  return { values: {}, errors: toNestErrors(flat, options) };
};
