import { describe, expect, it } from 'vitest';
import { fetchAcceptingMultiMessageJson, parseJsonRpcBody, splitJsonValues } from '../../../electron/runtime/remote-json-body.js';

const progress = { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 't', progress: 1 } };
const result = { jsonrpc: '2.0', id: 7, result: { content: [] } };

describe('JSON-RPC bodies of remote answers', () => {
  it('splits values written one per line, back to back, or with braces inside strings', () => {
    expect(splitJsonValues(`${JSON.stringify(progress)}\n${JSON.stringify(result)}\n`)).toEqual([progress, result]);
    expect(splitJsonValues(`${JSON.stringify(progress)}${JSON.stringify(result)}`)).toEqual([progress, result]);
    const tricky = { jsonrpc: '2.0', id: 1, result: { text: 'a "}{" and \\ and ]' } };
    expect(splitJsonValues(` ${JSON.stringify(tricky)} `)).toEqual([tricky]);
    expect(splitJsonValues(JSON.stringify([progress, result]))).toEqual([[progress, result]]);
  });

  it('names what is wrong with a body that is not JSON-RPC', () => {
    expect(parseJsonRpcBody('<html>busy</html>')).toEqual({ problem: expect.stringContaining('not JSON') });
    expect(parseJsonRpcBody('{"jsonrpc":"2.0","id":1,')).toEqual({ problem: expect.stringContaining('ends inside a JSON value') });
    expect(parseJsonRpcBody('{"status":"ok"}')).toEqual({ problem: expect.stringContaining('not a JSON-RPC 2.0 message') });
    expect(parseJsonRpcBody('')).toEqual({ problem: 'an empty JSON body' });
    expect(parseJsonRpcBody(`${JSON.stringify(progress)}\n${JSON.stringify([result])}`)).toEqual({ messages: [progress, result] });
  });

  it('gives the SDK a batch for several messages, and an error for each request when the body cannot be read', async () => {
    const answering = (body: string) => async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
    const post = { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: {} }) };
    const several = await fetchAcceptingMultiMessageJson('Remote server at X', answering(`${JSON.stringify(progress)}\n${JSON.stringify(result)}`))(
      'http://x',
      post,
    );
    expect(await several.json()).toEqual([progress, result]);
    const one = await fetchAcceptingMultiMessageJson('Remote server at X', answering(JSON.stringify(result)))('http://x', post);
    expect(await one.json()).toEqual(result);
    const broken = await fetchAcceptingMultiMessageJson('Remote server at X', answering('Bad gateway'))('http://x', post);
    expect(await broken.json()).toEqual({
      jsonrpc: '2.0',
      id: 7,
      error: {
        code: -32603,
        message: expect.stringMatching(/^Remote server at X answered with a body that is not JSON .*: Bad gateway$/),
        data: { reason: 'invalid_response_body' },
      },
    });
  });
});
