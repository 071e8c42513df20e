import { z } from 'zod';

/**
 * The call history's API, declared once: the control API checks its input and output with these schemas, and
 * the engine (electron/history) takes its record, filter and stats types from them (z.infer), never the other
 * way round.
 */

/** The MCP methods whose calls are recorded. */
export const callMethods = ['tools/call', 'prompts/get', 'resources/read'] as const;
export const CallMethodSchema = z.enum(callMethods);

export const callStatuses = ['running', 'ok', 'tool_error', 'protocol_error', 'cancelled', 'timeout', 'denied'] as const;
export const CallStatusSchema = z.enum(callStatuses);

/** A status filter: one status, or `error` for tool_error, protocol_error or timeout. */
export const StatusFilterSchema = z.enum([...callStatuses, 'error']);

export const CallClientSchema = z.object({
  name: z.string().optional(),
  version: z.string().optional(),
  sessionId: z.string(),
  /** The profile the client attached to (`default` unless it named one). */
  profile: z.string().optional(),
});

export const ResultSummarySchema = z.object({
  isError: z.boolean(),
  /** Distinct content types in order of first appearance (text, image, audio, resource_link, resource, structured, blob). */
  contentTypes: z.array(z.string()),
  /** Size of the whole result as JSON, in UTF-8 bytes. */
  sizeBytes: z.number(),
  /** The result's text, redacted, cut to a preview. */
  preview: z.string(),
});

/** One recorded call, as the UI and the API see it: arguments and previews are already redacted. */
export const CallRecordSchema = z.object({
  id: z.string(),
  /** 32 hex digits (a W3C trace id), also written to the server's stderr log lines around the call. */
  traceId: z.string(),
  /** Milliseconds since the epoch. */
  startedAt: z.number(),
  endedAt: z.number().optional(),
  /** Measured with a monotonic clock, to the microsecond. */
  durationMs: z.number().optional(),
  client: CallClientSchema,
  server: z.string(),
  method: CallMethodSchema,
  /** Tool or prompt name, or the resource URI. */
  name: z.string(),
  /** The call's arguments as JSON text: redacted, then capped. */
  arguments: z.string(),
  status: CallStatusSchema,
  /** Redacted and capped. */
  error: z.string().optional(),
  result: ResultSummarySchema.optional(),
});
export type CallRecordView = z.infer<typeof CallRecordSchema>;

/** One name, or several (any of them). */
const OneOrMore = z.union([z.string(), z.array(z.string())]);
/** Milliseconds since the epoch, or a time spec: a span back from now (`1h`, `2d`) or an ISO date. */
const TimeSpec = z.union([z.number(), z.string()]);

export const HistoryFilterSchema = z
  .object({
    /** Inclusive lower bound on startedAt. */
    since: TimeSpec.optional(),
    /** Exclusive upper bound on startedAt. */
    until: TimeSpec.optional(),
    server: OneOrMore.optional(),
    /** Tool or prompt name, or resource URI. */
    tool: OneOrMore.optional(),
    /** Client name or session id. */
    client: z.string().optional(),
    status: z.union([StatusFilterSchema, z.array(StatusFilterSchema)]).optional(),
    /** Words searched in arguments, result previews and errors (each word starts a word there; all required). */
    text: z.string().optional(),
  })
  .strict();

export const HistoryQuerySchema = HistoryFilterSchema.extend({
  /** From a previous page's nextCursor. */
  cursor: z.string().optional(),
  /** Default 50. */
  limit: z.number().int().min(1).max(1000).optional(),
}).strict();

/** Newest first; nextCursor is present when there are older records. */
export const HistoryPageSchema = z.object({ records: z.array(CallRecordSchema), nextCursor: z.string().optional() });

export const HistoryStatsSchema = HistoryFilterSchema.extend({ groupBy: z.enum(['server', 'tool']) }).strict();

export const HistoryStatsRowSchema = z.object({
  server: z.string(),
  /** With groupBy 'tool'. */
  tool: z.string().optional(),
  count: z.number(),
  /** tool_error + protocol_error + timeout. */
  errors: z.number(),
  /** errors / calls that ended (running calls do not count); 0 when none ended. */
  errorRate: z.number(),
  /** Of the durations of calls that ended (interpolated between ranks). Null when none ended. */
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
});

/** Calls over time: the filter, cut into buckets of `bucketMs` (default one minute) aligned on multiples of it since the epoch. */
export const HistoryTimelineSchema = HistoryFilterSchema.extend({
  bucketMs: z.number().int().min(1000, 'a bucket is at least 1000 ms').max(86_400_000, 'a bucket is at most one day').optional(),
}).strict();

/** One bucket that holds calls (empty buckets are left out), oldest first; at most the newest 1440 buckets. */
export const HistoryTimelineRowSchema = z.object({
  /** The bucket's start, ms since the epoch. */
  start: z.number(),
  count: z.number(),
  /** tool_error + protocol_error + timeout, as in the stats. */
  errors: z.number(),
});

export const HistoryLiveEventSchema = z.object({ kind: z.enum(['start', 'end']), record: CallRecordSchema });

/**
 * Recorded calls as they start and end, in the order they happened, gathered by the engine (at most 100 events or
 * 50 ms) so that 500 calls a second cost the window about 20 messages a second, not 1,000.
 */
export const HistoryLiveBatchSchema = z.object({ events: z.array(HistoryLiveEventSchema).min(1) });
