import { describe, expect, it } from 'vitest';
import { headerDeclarations, paramHeaderProblem } from '../../../electron/gateway/http/param-headers.js';

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
    expect(paramHeaderProblem(declarations, { region: 'eu-wëst', count: 42, nested: { tenant: 'a' } }, headers({ 'mcp-param-region': base64, 'mcp-param-count': '42.0', 'mcp-param-tenant': ' a ' }))).toBeUndefined();
  });

  it('does not expect a header for an absent or null value', () => {
    expect(paramHeaderProblem(declarations, { region: null }, headers({}))).toBeUndefined();
  });

  it('rejects a missing header, naming it', () => {
    expect(paramHeaderProblem(declarations, { region: 'us' }, headers({}))).toEqual({ header: 'Mcp-Param-Region', reason: 'the body carries region="us" but the Mcp-Param-Region header is absent' });
  });

  it('rejects a disagreeing value and a broken Base64 sentinel', () => {
    expect(paramHeaderProblem(declarations, { region: 'us' }, headers({ 'mcp-param-region': 'eu' }))?.reason).toContain('decodes to "eu"');
    expect(paramHeaderProblem(declarations, { region: 'us' }, headers({ 'mcp-param-region': '=?base64?dXM?=' }))?.reason).toContain('invalid Base64');
  });
});
