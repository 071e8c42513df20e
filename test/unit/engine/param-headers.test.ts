import { describe, expect, it } from 'vitest';
import { backendParamHeaders, headerDeclarations, mcpParamHeaders, paramHeaderProblem, paramHeadersOf } from '../../../electron/gateway/param-headers.js';

const schema = {
  type: 'object',
  properties: {
    region: { type: 'string', 'x-mcp-header': 'Region' },
    count: { type: 'integer', 'x-mcp-header': 'Count' },
    nested: { type: 'object', properties: { tenant: { type: 'string', 'x-mcp-header': 'Tenant' } } },
    plain: { type: 'string' },
  },
};
const headers = (values: Record<string, string>) => (name: string) => values[name];

describe('SEP-2243 Mcp-Param-* headers', () => {
  it('finds declarations, nested ones included', () => {
    expect(headerDeclarations(schema)).toEqual([
      { headerName: 'Region', path: ['region'], type: 'string' },
      { headerName: 'Count', path: ['count'], type: 'integer' },
      { headerName: 'Tenant', path: ['nested', 'tenant'], type: 'string' },
    ]);
  });

  const declarations = headerDeclarations(schema);

  it('accepts matching plain, Base64 and numerically equal values', () => {
    const base64 = `=?base64?${Buffer.from('eu-wëst').toString('base64')}?=`;
    expect(
      paramHeaderProblem(
        declarations,
        { region: 'eu-wëst', count: 42, nested: { tenant: 'a' } },
        headers({ 'mcp-param-region': base64, 'mcp-param-count': '42.0', 'mcp-param-tenant': ' a ' }),
      ),
    ).toBeUndefined();
  });

  it('does not expect a header for an absent or null value', () => {
    expect(paramHeaderProblem(declarations, { region: null }, headers({}))).toBeUndefined();
  });

  it('rejects a missing header, naming it', () => {
    expect(paramHeaderProblem(declarations, { region: 'us' }, headers({}))).toEqual({
      header: 'Mcp-Param-Region',
      reason: 'the body carries region="us" but the Mcp-Param-Region header is absent',
    });
  });

  it('rejects a disagreeing value and a broken Base64 sentinel', () => {
    expect(paramHeaderProblem(declarations, { region: 'us' }, headers({ 'mcp-param-region': 'eu' }))?.reason).toContain('decodes to "eu"');
    expect(paramHeaderProblem(declarations, { region: 'us' }, headers({ 'mcp-param-region': '=?base64?dXM?=' }))?.reason).toContain('invalid Base64');
  });
});

describe('the Mcp-Param-* headers the gateway sends an HTTP backend', () => {
  const schema = {
    type: 'object',
    properties: {
      region: { type: 'string', 'x-mcp-header': 'Region' },
      count: { type: 'integer', 'x-mcp-header': 'Count' },
      dry: { type: 'boolean', 'x-mcp-header': 'Dry-Run' },
      target: { type: 'object', properties: { zone: { type: 'string', 'x-mcp-header': 'Zone' } } },
      note: { type: 'string' },
    },
  };
  const declarations = headerDeclarations(schema);

  it('mirrors each declared argument, plain when printable ASCII, else as a Base64 sentinel', () => {
    expect(mcpParamHeaders(declarations, { region: 'eu-west-1', count: 3, dry: false, target: { zone: 'b' }, note: 'not declared' })).toEqual({
      'Mcp-Param-Region': 'eu-west-1',
      'Mcp-Param-Count': '3',
      'Mcp-Param-Dry-Run': 'false',
      'Mcp-Param-Zone': 'b',
    });
    const encoded = mcpParamHeaders(declarations, { region: 'Zürich ' });
    expect(encoded).toEqual({ 'Mcp-Param-Region': `=?base64?${Buffer.from('Zürich ', 'utf8').toString('base64')}?=` });
    expect(mcpParamHeaders(declarations, { region: '' })).toEqual({ 'Mcp-Param-Region': '=?base64??=' });
    expect(mcpParamHeaders(declarations, { count: 2 ** 60, region: null, dry: { not: 'primitive' } })).toEqual({});
  });

  it('agrees with the check the gateway itself applies to incoming headers', () => {
    const args = { region: 'Zürich', count: 7, dry: true, target: { zone: ' a ' } };
    const sent = mcpParamHeaders(declarations, args);
    const lower = Object.fromEntries(Object.entries(sent).map(([name, value]) => [name.toLowerCase(), value]));
    expect(paramHeaderProblem(declarations, args, (name) => lower[name])).toBeUndefined();
  });

  it("passes on the caller's headers it does not recognise, and replaces the declared ones with its own", () => {
    const fromCaller = { 'mcp-param-region': 'stale-value', 'mcp-param-trace-hint': 'abc' };
    expect(backendParamHeaders(declarations, { region: 'us-east-2' }, fromCaller)).toEqual({ 'mcp-param-trace-hint': 'abc', 'Mcp-Param-Region': 'us-east-2' });
    expect(backendParamHeaders([], {}, undefined)).toBeUndefined();
  });

  it('picks the Mcp-Param-* headers out of an HTTP request', () => {
    expect(paramHeadersOf({ 'content-type': 'application/json', 'mcp-param-region': 'eu', 'mcp-param-list': ['a', 'b'] })).toEqual({
      'mcp-param-region': 'eu',
      'mcp-param-list': 'a, b',
    });
    expect(paramHeadersOf({ accept: '*/*' })).toBeUndefined();
  });

  it('ignores declarations that cannot name a header, and properties that are not schemas', () => {
    const odd = {
      type: 'object',
      properties: { a: { type: 'string', 'x-mcp-header': 'Bad Name' }, b: null, c: true, d: { type: 'string', 'x-mcp-header': 'Good-1' } },
    };
    expect(headerDeclarations(odd)).toEqual([{ headerName: 'Good-1', path: ['d'], type: 'string' }]);
  });
});
