import { z } from 'zod';

/**
 * The first run's API: the Docker check, the steps' progress (kept in the home, so the guide does not come back
 * once done), and a tool call made through the gateway to show that everything works.
 */
export const firstRunSteps = ['docker', 'servers', 'client', 'call'] as const;
export const FirstRunStepSchema = z.enum(firstRunSteps);
export const StepOutcomeSchema = z.enum(['done', 'skipped']);

export const FirstRunStateSchema = z.object({
  /** Show the guide now: not finished, and the home is new or has no enabled server. */
  show: z.boolean(),
  finished: z.boolean(),
  steps: z.partialRecord(FirstRunStepSchema, StepOutcomeSchema),
  enabledServers: z.number().int(),
});

export const FirstRunUpdateSchema = z
  .object({ step: FirstRunStepSchema.optional(), outcome: StepOutcomeSchema.optional(), finished: z.boolean().optional() })
  .strict()
  .refine((input) => (input.step === undefined) === (input.outcome === undefined), { message: 'give a step with its outcome' });

/**
 * Whether the Docker engine answers, and if not, why, as a code the window turns into the fix for this OS:
 * `not-running` (nothing listens on the socket), `no-socket` (no socket there: not installed, or not started),
 * `permission-denied` (the socket exists but this user may not use it), `no-answer` (timed out), `other`.
 */
export const DockerCheckSchema = z.object({
  reachable: z.boolean(),
  endpoint: z.string(),
  problem: z.enum(['not-running', 'no-socket', 'permission-denied', 'no-answer', 'other']).optional(),
  /** The engine's own words (the error), for the curious. */
  detail: z.string().optional(),
  platform: z.string(),
});

export const ToolCallInputSchema = z
  .object({
    name: z.string().min(1, 'give the tool name'),
    /** The tool's server: the name is then its own name there (the gateway's prefixed name is found). */
    server: z.string().min(1).optional(),
    arguments: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** A tool's answer, as text for a person (content joined), with whether the tool said it failed. */
export const ToolCallResultSchema = z.object({ isError: z.boolean(), text: z.string(), durationMs: z.number() });
