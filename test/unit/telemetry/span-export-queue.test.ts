import { describe, expect, it, vi } from 'vitest';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { SpanExportQueue } from '../../../electron/telemetry/span-export-queue.js';
import { recordingLogger } from './support.js';

type Result = Parameters<Parameters<SpanExporter['export']>[1]>[0];

/** An exporter whose exports stay open until the test settles them, like a collector that hangs or refuses. */
function heldExporter() {
  const pending: Array<{ spans: ReadableSpan[]; settle: (result: Result) => void }> = [];
  const exporter: SpanExporter = {
    export: (spans, settle) => void pending.push({ spans, settle }),
    shutdown: async () => undefined,
  };
  return { exporter, pending };
}
const span = (n: number) => ({ name: `span-${n}` }) as unknown as ReadableSpan;
const refused = { code: 1, error: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4318'), { code: 'ECONNREFUSED' }) } as Result;

describe('SpanExportQueue', () => {
  it('holds at most maxQueueSize spans while the collector does not answer, drops and counts the rest, and warns at most once a minute', async () => {
    const { exporter, pending } = heldExporter();
    const logger = recordingLogger();
    let clock = 1_000_000;
    const queue = new SpanExportQueue({
      exporter,
      logger,
      endpointLabel: 'http://127.0.0.1:4318/v1/traces',
      maxQueueSize: 4,
      maxBatchSize: 2,
      delayMs: 60_000,
      now: () => clock,
    });

    queue.onEnd(span(1));
    queue.onEnd(span(2)); // a full batch leaves at once
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    for (let n = 3; n <= 9; n++) queue.onEnd(span(n)); // 4 fit, 3 are dropped
    expect(queue.stats()).toEqual({ queued: 4, exported: 0, dropped: 3 });
    const warnings = () => logger.lines.filter((line) => line.level === 'warn').map((line) => line.message);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain('OpenTelemetry export to http://127.0.0.1:4318/v1/traces failed (the export queue is full)');

    clock += 30_000;
    queue.onEnd(span(10));
    pending[0]!.settle(refused); // the first batch is lost too
    await vi.waitFor(() => expect(pending).toHaveLength(2)); // the next batch goes out regardless
    expect(queue.stats()).toMatchObject({ dropped: 6, exported: 0 });
    expect(warnings()).toHaveLength(1); // still within the minute

    clock += 31_000;
    pending[1]!.settle(refused);
    await vi.waitFor(() => expect(warnings()).toHaveLength(2));
    expect(warnings()[1]).toMatch(
      /failed \(connect ECONNREFUSED 127\.0\.0\.1:4318\); 7 call span\(s\) dropped since the last warning, 8 in total\. Calls are not affected/,
    );
    await vi.waitFor(() => expect(pending).toHaveLength(3));
    expect(pending[2]!.spans.map((s) => s.name)).toEqual(['span-5', 'span-6']);
  });

  it('flushes everything queued in batches, and says when export works again', async () => {
    const { exporter, pending } = heldExporter();
    const logger = recordingLogger();
    const queue = new SpanExportQueue({ exporter, logger, endpointLabel: 'http://c/v1/traces', maxBatchSize: 2, delayMs: 60_000 });
    queue.onEnd(span(1));
    queue.onEnd(span(2));
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    pending[0]!.settle(refused);
    queue.onEnd(span(3));
    const flushed = queue.forceFlush();
    await vi.waitFor(() => expect(pending).toHaveLength(2));
    pending[1]!.settle({ code: 0 } as Result);
    await flushed;
    expect(queue.stats()).toEqual({ queued: 0, exported: 1, dropped: 2 });
    expect(logger.lines.find((line) => line.level === 'info')?.message).toBe(
      'OpenTelemetry export to http://c/v1/traces works again (2 spans dropped in total).',
    );
    await queue.shutdown();
    queue.onEnd(span(4));
    expect(queue.stats().queued).toBe(0);
  });

  it('sends a partial batch after the delay, off the caller’s path', async () => {
    const { exporter, pending } = heldExporter();
    const queue = new SpanExportQueue({ exporter, logger: recordingLogger(), endpointLabel: 'x', delayMs: 5 });
    queue.onEnd(span(1));
    expect(pending).toHaveLength(0); // onEnd only queues
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    expect(pending[0]!.spans).toHaveLength(1);
  });
});
