import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { backendProtocolVersion, clientCapabilityFor, gatewayCapabilities, negotiateProtocolVersion } from '../../../electron/gateway/protocol.js';

describe('negotiateProtocolVersion', () => {
  it('keeps every version the SDK supports, including older ones', () => {
    for (const version of SUPPORTED_PROTOCOL_VERSIONS) expect(negotiateProtocolVersion(version)).toBe(version);
    expect(negotiateProtocolVersion('2025-11-25')).toBe('2025-11-25');
    expect(negotiateProtocolVersion('2025-06-18')).toBe('2025-06-18');
    expect(negotiateProtocolVersion('2024-11-05')).toBe('2024-11-05');
  });

  it('answers an unknown, future, or malformed version with our newest', () => {
    for (const requested of ['1999-01-01', '2099-12-31', 'latest', '', ' 2025-11-25', '2025-11-25 '])
      expect(negotiateProtocolVersion(requested), requested).toBe(LATEST_PROTOCOL_VERSION);
  });

  it('answers a missing or non-string version with our newest', () => {
    for (const requested of [undefined, null, 20251125, {}, ['2025-11-25'], true]) expect(negotiateProtocolVersion(requested)).toBe(LATEST_PROTOCOL_VERSION);
  });

  it('offers backends the newest version', () => {
    expect(backendProtocolVersion).toBe(LATEST_PROTOCOL_VERSION);
  });
});

describe('protocol tables', () => {
  it('advertises list_changed for tools, prompts and resources', () => {
    expect(gatewayCapabilities.tools.listChanged).toBe(true);
    expect(gatewayCapabilities.prompts.listChanged).toBe(true);
    expect(gatewayCapabilities.resources).toEqual({ subscribe: true, listChanged: true });
  });

  it('maps each server-to-client request to the client capability it needs', () => {
    expect(clientCapabilityFor).toEqual({ 'sampling/createMessage': 'sampling', 'elicitation/create': 'elicitation', 'roots/list': 'roots' });
  });
});
