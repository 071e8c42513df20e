import { z } from 'zod';

/** One recorded call, as the UI and the API see it: arguments and previews are already redacted. */
export const CallRecordSchema = z.object({
  id: z.string(),
  traceId: z.string(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  durationMs: z.number().optional(),
  client: z.object({ name: z.string().optional(), version: z.string().optional(), sessionId: z.string() }),
  server: z.string(),
  method: z.enum(['tools/call', 'prompts/get', 'resources/read']),
  name: z.string(),
  arguments: z.string(),
  status: z.enum(['running', 'ok', 'tool_error', 'protocol_error', 'cancelled', 'timeout', 'denied']),
  error: z.string().optional(),
  result: z.object({ isError: z.boolean(), contentTypes: z.array(z.string()), sizeBytes: z.number(), preview: z.string() }).optional(),
});
export type CallRecordView = z.infer<typeof CallRecordSchema>;

const StatusFilter = z.enum(['running', 'ok', 'tool_error', 'protocol_error', 'cancelled', 'timeout', 'denied', 'error']);

export const HistoryFilterSchema = z
  .object({
    since: z.union([z.number(), z.string()]).optional(),
    until: z.union([z.number(), z.string()]).optional(),
    server: z.string().optional(),
    tool: z.string().optional(),
    client: z.string().optional(),
    status: z.union([StatusFilter, z.array(StatusFilter)]).optional(),
    text: z.string().optional(),
  })
  .strict();

export const HistoryQuerySchema = HistoryFilterSchema.extend({ cursor: z.string().optional(), limit: z.number().int().min(1).max(1000).optional() }).strict();

export const HistoryPageSchema = z.object({ records: z.array(CallRecordSchema), nextCursor: z.string().optional() });

export const HistoryStatsRowSchema = z.object({
  server: z.string(),
  tool: z.string().optional(),
  count: z.number(),
  errors: z.number(),
  errorRate: z.number(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
});

export const HistoryLiveEventSchema = z.object({ kind: z.enum(['start', 'end']), record: CallRecordSchema });
