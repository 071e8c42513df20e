import { apiMethodNames, type ApiHandlers } from '../../shared/api.js';

/** Control handlers for every method a test does not exercise: calling one fails loudly instead of faking an answer. */
export function unusedHandlers(): ApiHandlers {
  return Object.fromEntries(
    apiMethodNames.map((method) => [
      method,
      async () => {
        throw new Error(`${method} is not used in this test`);
      },
    ]),
  ) as unknown as ApiHandlers;
}
