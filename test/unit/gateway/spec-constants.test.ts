import * as sdk from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import * as ours from '../../../electron/gateway/spec-constants.js';

// The gateway's core spells these out so the stdio gateway need not load the SDK; they must stay the SDK's.
describe('spec-constants', () => {
  const names = [
    'LATEST_PROTOCOL_VERSION',
    'SUPPORTED_PROTOCOL_VERSIONS',
    'PROTOCOL_VERSION_META_KEY',
    'CLIENT_INFO_META_KEY',
    'CLIENT_CAPABILITIES_META_KEY',
    'SERVER_INFO_META_KEY',
    'LOG_LEVEL_META_KEY',
    'SUBSCRIPTION_ID_META_KEY',
  ] as const;

  it.each(names)('%s is the SDK value', (name) => {
    expect(ours[name]).toEqual(sdk[name]);
  });

  it('tells an input_required result as the SDK does', () => {
    const samples: unknown[] = [
      { resultType: 'input_required', inputRequests: {} },
      { resultType: 'complete' },
      { content: [] },
      ['input_required'],
      null,
      'input_required',
      { resultType: 'INPUT_REQUIRED' },
    ];
    for (const sample of samples) expect(ours.isInputRequiredResult(sample), JSON.stringify(sample)).toBe(sdk.isInputRequiredResult(sample));
  });
});
