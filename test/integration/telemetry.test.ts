import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { eventually, images, requireDockerAndImages } from './support/docker.js';
import { cliPath, tempHome } from './support/gateway-process.js';
import { freePort, HttpGatewayProcess, httpClient, writeSettings } from './support/http-gateway.js';

/** What an OTLP/HTTP JSON export request holds (the parts these tests read). */
interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes: Array<{ key: string; value: OtlpValue }>;
  status?: { code?: number; message?: string };
}
interface OtlpRequest {
  resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: OtlpValue }> }; scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
}
interface HistoryRow {
  name: string;
  status: string;
  traceId: string;
}

/** OTLP's own enums (opentelemetry-proto): SPAN_KIND_SERVER, STATUS_CODE_UNSET / _ERROR. */
const otlpServerKind = 2;
const otlpStatusUnset = 0;
const otlpStatusError = 2;

/** A loopback OTLP/HTTP receiver, like a collector's `otlp` receiver on :4318. */
class OtlpReceiver {
  readonly bodies: Buffer[] = [];
  readonly metricBodies: Buffer[] = [];
  readonly headers: IncomingHttpHeaders[] = [];
  private server: Server | undefined;
  port = 0;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.method === 'POST' && request.url === '/v1/metrics') {
          this.metricBodies.push(Buffer.concat(chunks));
          response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
          return;
        }
        if (request.method !== 'POST' || request.url !== '/v1/traces') {
          response.writeHead(404).end();
          return;
        }
        this.bodies.push(Buffer.concat(chunks));
        this.headers.push(request.headers);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return `http://127.0.0.1:${this.port}/v1/traces`;
  }

  spans(): Array<OtlpSpan & { resource: Record<string, string | undefined> }> {
    return this.bodies.flatMap((body) =>
      (JSON.parse(body.toString('utf8')) as OtlpRequest).resourceSpans.flatMap((resourceSpans) => {
        const resource = Object.fromEntries(resourceSpans.resource.attributes.map((attribute) => [attribute.key, attribute.value.stringValue]));
        return resourceSpans.scopeSpans.flatMap((scope) => scope.spans.map((span) => ({ ...span, resource })));
      }),
    );
  }

  /** Every metric data point received, by metric name: its attributes and its value (count for histograms). */
  metricPoints(): Array<{ name: string; attributes: Record<string, string | undefined>; value: number }> {
    type Point = { attributes: Array<{ key: string; value: { stringValue?: string } }>; asInt?: string | number; asDouble?: number; count?: string | number };
    type Metric = { name: string; sum?: { dataPoints: Point[] }; histogram?: { dataPoints: Point[] } };
    return this.metricBodies.flatMap((body) =>
      (JSON.parse(body.toString('utf8')) as { resourceMetrics: Array<{ scopeMetrics: Array<{ metrics: Metric[] }> }> }).resourceMetrics.flatMap((resource) =>
        resource.scopeMetrics.flatMap((scope) =>
          scope.metrics.flatMap((metric) =>
            [...(metric.sum?.dataPoints ?? []), ...(metric.histogram?.dataPoints ?? [])].map((point) => ({
              name: metric.name,
              attributes: Object.fromEntries(point.attributes.map((attribute) => [attribute.key, attribute.value.stringValue])),
              value: Number(point.asInt ?? point.asDouble ?? point.count ?? 0),
            })),
          ),
        ),
      ),
    );
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const attributes = (span: OtlpSpan) =>
  Object.fromEntries(span.attributes.map((attribute) => [attribute.key, attribute.value.stringValue ?? attribute.value.intValue]));

describe('OpenTelemetry export of calls to a real OTLP/HTTP receiver', () => {
  const home = tempHome();
  const env = { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home.home, SWITCHYARD_SECRET_BACKEND: 'encrypted-file' };
  const receiver = new OtlpReceiver();
  const secretLooking = `sk-live-${Date.now()}-otel-argument-secret`;
  let gateway: HttpGatewayProcess;
  let client: Client;
  let history: HistoryRow[] = [];
  let stderr = '';

  beforeAll(async () => {
    requireDockerAndImages(images.everything);
    const endpoint = await receiver.start();
    writeSettings(home.home, {
      gateway: { port: await freePort() },
      servers: { every: { image: images.everything } },
      policy: { deny: [{ server: 'every', tool: 'get-tiny-image' }] },
      telemetry: { otlpEndpoint: endpoint, headers: { 'x-collector-key': 'collector-test-key' }, serviceName: 'switchyard-it' },
    });
    const token = execFileSync(process.execPath, [cliPath, 'gateway', 'token'], { env, encoding: 'utf8' }).trim();
    gateway = new HttpGatewayProcess(home.home, [], { SWITCHYARD_SECRET_BACKEND: 'encrypted-file' });
    client = await httpClient(await gateway.ready(), token, {}, 'otel-client');

    const echoed = await client.callTool({ name: 'echo', arguments: { message: `use ${secretLooking}` } });
    expect(JSON.stringify(echoed.content)).toContain(secretLooking); // the call itself is untouched
    await client.callTool({ name: 'get-sum', arguments: { a: 'not a number', b: 1 } }).catch(() => undefined);
    const denied = await client.callTool({ name: 'get-tiny-image', arguments: {} });
    expect(denied.isError).toBe(true);

    // Stopping right after the calls: the spans still queued must be flushed when the gateway closes.
    await client.close();
    await gateway.stop();
    stderr = gateway.stderr;
    const out = execFileSync(process.execPath, [cliPath, 'logs', '--json', '--server', 'every'], { env, encoding: 'utf8' });
    history = out
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as HistoryRow);
  });

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    if (gateway?.child.exitCode === null) await gateway.stop();
    await receiver.stop();
    home.remove();
  });

  it('says where it exports', () => {
    expect(stderr).toContain(
      `OpenTelemetry: exporting call spans to http://127.0.0.1:${receiver.port}/v1/traces and call metrics to http://127.0.0.1:${receiver.port}/v1/metrics (from settings) as service "switchyard-it"`,
    );
    expect(stderr).not.toContain('collector-test-key');
  });

  it('exports one SERVER span per call, named <method> <server>/<name>, in the trace id the history shows', () => {
    const spans = receiver.spans();
    expect(history.map((row) => row.name).sort()).toEqual(['echo', 'get-sum', 'get-tiny-image']);
    expect(spans.map((span) => span.name).sort()).toEqual(['tools/call every/echo', 'tools/call every/get-sum', 'tools/call every/get-tiny-image']);
    for (const row of history) {
      const span = spans.find((candidate) => candidate.name === `tools/call every/${row.name}`)!;
      expect(span.traceId, row.name).toBe(row.traceId);
      expect(span.parentSpanId || undefined).toBeUndefined();
      expect(span.kind).toBe(otlpServerKind);
      expect(BigInt(span.endTimeUnixNano)).toBeGreaterThanOrEqual(BigInt(span.startTimeUnixNano));
      expect(attributes(span)).toMatchObject({
        'mcp.method.name': 'tools/call',
        'gen_ai.tool.name': row.name,
        'gen_ai.operation.name': 'execute_tool',
        'switchyard.server': 'every',
        'switchyard.status': row.status,
        'switchyard.client.name': 'otel-client',
      });
      expect(attributes(span)['mcp.session.id']).toEqual(expect.any(String));
      expect(span.resource['service.name']).toBe('switchyard-it');
    }
  });

  it('exports call counts and durations per server, tool and status, without session ids', () => {
    const points = receiver.metricPoints();
    const counts = points.filter((point) => point.name === 'switchyard.calls');
    const byTool = Object.fromEntries(counts.map((point) => [`${point.attributes['gen_ai.tool.name']} ${point.attributes['switchyard.status']}`, point.value]));
    expect(byTool).toMatchObject({ 'echo ok': 1, 'get-tiny-image denied': 1 });
    expect(counts.reduce((sum, point) => sum + point.value, 0)).toBe(3);
    for (const point of counts) expect(point.attributes).toMatchObject({ 'switchyard.server': 'every', 'mcp.method.name': 'tools/call' });
    const durations = points.filter((point) => point.name === 'mcp.server.operation.duration');
    expect(durations.reduce((sum, point) => sum + point.value, 0)).toBe(3);
    expect(points.some((point) => 'mcp.session.id' in point.attributes)).toBe(false);
    expect(Buffer.concat(receiver.metricBodies).toString('utf8')).not.toContain(secretLooking);
  });

  it('marks failures with an error status and message, and leaves a good call unset', () => {
    const byName = new Map(receiver.spans().map((span) => [span.name, span]));
    expect(byName.get('tools/call every/echo')?.status?.code ?? otlpStatusUnset).toBe(otlpStatusUnset);
    const denied = byName.get('tools/call every/get-tiny-image')!;
    expect(attributes(denied)).toMatchObject({ 'switchyard.status': 'denied', 'error.type': 'denied' });
    expect(denied.status).toEqual({ code: otlpStatusError, message: 'denied by policy: every get-tiny-image is denied by your settings.' });
    const failed = byName.get('tools/call every/get-sum')!;
    expect(['tool_error', 'protocol_error']).toContain(attributes(failed)['switchyard.status']);
    expect(failed.status?.code).toBe(otlpStatusError);
  });

  it('sends the configured headers, and never an argument or a result', () => {
    expect(receiver.headers[0]).toMatchObject({ 'x-collector-key': 'collector-test-key', 'content-type': 'application/json' });
    const bytes = Buffer.concat(receiver.bodies);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes(Buffer.from(secretLooking))).toBe(false);
    expect(bytes.includes(Buffer.from('not a number'))).toBe(false);
    expect(bytes.includes(Buffer.from('Echo:'))).toBe(false); // the echo tool's result text
  });
});

describe('OpenTelemetry export with the collector down', () => {
  const home = tempHome();
  const env = { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home.home };
  let gateway: HttpGatewayProcess;
  let client: Client;
  let endpoint = '';

  beforeAll(async () => {
    requireDockerAndImages(images.everything);
    endpoint = `http://127.0.0.1:${await freePort()}`; // nothing listens there
    writeSettings(home.home, { gateway: { port: await freePort() }, servers: { every: { image: images.everything } } });
    const token = execFileSync(process.execPath, [cliPath, 'gateway', 'token'], { env, encoding: 'utf8' }).trim();
    // The standard OTel variables turn export on without settings; a short export timeout keeps the test short.
    gateway = new HttpGatewayProcess(home.home, [], { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_TIMEOUT: '1000' });
    client = await httpClient(await gateway.ready(), token, {}, 'otel-client');
  });

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    if (gateway?.child.exitCode === null) await gateway.stop();
    home.remove();
  });

  it('answers every call and warns once, naming the endpoint', async () => {
    expect(gateway.stderr).toContain(
      `OpenTelemetry: exporting call spans to ${endpoint}/v1/traces and call metrics to ${endpoint}/v1/metrics (from OTEL_EXPORTER_OTLP_ENDPOINT)`,
    );
    for (let i = 0; i < 5; i++) {
      const result = await client.callTool({ name: 'echo', arguments: { message: `call ${i}` } });
      expect(JSON.stringify(result.content)).toContain(`call ${i}`);
    }
    const warned = await eventually(
      () => gateway.stderr,
      (text) => text.includes(`OpenTelemetry export to ${endpoint}/v1/traces failed`),
      20_000,
    );
    expect(warned).toMatch(/OpenTelemetry export to \S+ failed \([^)]*ECONNREFUSED[^)]*\); \d+ call span\(s\) dropped/);
    const more = await client.callTool({ name: 'echo', arguments: { message: 'still here' } });
    expect(JSON.stringify(more.content)).toContain('still here');
    expect(gateway.stderr.match(/OpenTelemetry export to .* failed/g)).toHaveLength(1);
  });

  it('follows a settings change while running: an endpoint in settings.json wins over the environment', async () => {
    const receiver = new OtlpReceiver();
    const live = await receiver.start();
    try {
      const file = path.join(home.home, 'settings.json');
      const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify({ ...settings, telemetry: { otlpEndpoint: live } }, null, 2));
      await eventually(
        () => gateway.stderr,
        (text) => text.includes(`exporting call spans to ${live} (from settings)`),
      );
      await client.callTool({ name: 'echo', arguments: { message: 'after the change' } });
      await client.close();
      expect(await gateway.stop()).toBe(0);
      expect(receiver.spans().map((span) => span.name)).toEqual(['tools/call every/echo']);
    } finally {
      await receiver.stop();
    }
  });
});
