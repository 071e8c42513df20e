import { describe, expect, it } from 'vitest';
import { newCallInfo } from '../../../electron/gateway/call-interceptors.js';
import { HookFailure, hookRequest, hookUrlProblem, parseHookAnswer } from '../../../electron/hooks/hook-protocol.js';
import { SettingsSchema } from '../../../electron/settings/settings-schema.js';

describe('parseHookAnswer', () => {
  it('allows on nothing, {} or an explicit allow', () => {
    for (const text of ['', '  \n', '{}', '{"action":"allow"}', '{"note":"fine"}']) expect(parseHookAnswer(text, 'before')).toEqual({ action: 'allow' });
  });

  it('blocks with the hook’s reason, or says none was given', () => {
    expect(parseHookAnswer('{"action":"block","reason":"not on Fridays"}', 'before')).toEqual({ action: 'block', reason: 'not on Fridays' });
    expect(parseHookAnswer('{"action":"block"}', 'after')).toEqual({ action: 'block', reason: 'no reason given' });
  });

  it('rewrites arguments before and results after', () => {
    expect(parseHookAnswer('{"action":"rewrite","arguments":{"message":"hi"}}', 'before')).toEqual({
      action: 'rewrite-arguments',
      arguments: { message: 'hi' },
    });
    expect(parseHookAnswer('{"action":"rewrite","result":{"content":[]}}', 'after')).toEqual({ action: 'rewrite-result', result: { content: [] } });
  });

  it('fails on invalid JSON, unknown actions and a rewrite of the wrong thing', () => {
    expect(() => parseHookAnswer('not json', 'before')).toThrow(HookFailure);
    expect(() => parseHookAnswer('not json', 'before')).toThrow(/invalid JSON/);
    expect(() => parseHookAnswer('{"action":"explode"}', 'before')).toThrow(/not a hook answer/);
    expect(() => parseHookAnswer('[1,2]', 'before')).toThrow(/not a hook answer/);
    expect(() => parseHookAnswer('{"action":"rewrite","result":{}}', 'before')).toThrow(/without "arguments"/);
    expect(() => parseHookAnswer('{"action":"rewrite","arguments":{}}', 'after')).toThrow(/without "result"/);
    expect(() => parseHookAnswer('{"action":"rewrite","arguments":"text"}', 'before')).toThrow(/not a hook answer/);
  });
});

describe('hookRequest', () => {
  const call = newCallInfo({
    client: { name: 'cursor', version: '1.2', sessionId: 's1' },
    server: 'every',
    method: 'tools/call',
    name: 'echo',
    arguments: { message: 'hi' },
  });

  it('carries the call without the session id, and the result only after', () => {
    const before = hookRequest({ name: 'audit', when: 'before' }, call);
    expect(before).toEqual({
      hook: 'audit',
      when: 'before',
      traceId: call.traceId,
      client: { name: 'cursor', version: '1.2' },
      server: 'every',
      method: 'tools/call',
      name: 'echo',
      arguments: { message: 'hi' },
    });
    expect(hookRequest({ name: 'audit', when: 'after' }, call, { result: { content: [] } }).result).toEqual({ content: [] });
    expect(hookRequest({ name: 'audit', when: 'after' }, call, { error: { code: -32602, message: 'bad' } }).error).toEqual({ code: -32602, message: 'bad' });
  });
});

describe('hook URLs', () => {
  it('takes https anywhere and plain http only on this machine', () => {
    for (const url of ['https://hooks.example.com/check', 'http://127.0.0.1:9000/hook', 'http://localhost/x', 'http://[::1]:80/'])
      expect(hookUrlProblem(url)).toBeUndefined();
    expect(hookUrlProblem('http://hooks.example.com/check')).toMatch(/plain http/);
    expect(hookUrlProblem('http://10.0.0.5/check')).toMatch(/plain http/);
    expect(hookUrlProblem('ftp://127.0.0.1/x')).toMatch(/http\(s\)/);
    expect(hookUrlProblem('not a url')).toMatch(/not a URL/);
  });

  it('is checked with the rest of the settings, as is "exactly one of command or url"', () => {
    const parse = (hooks: unknown[]) => SettingsSchema.safeParse({ version: 1, hooks });
    const ok = parse([{ name: 'a', when: 'before', command: ['node', 'hook.js'] }]);
    expect(ok.success && ok.data.hooks[0]).toMatchObject({ timeoutMs: 5000 });
    expect(parse([{ name: 'a', when: 'before' }]).error?.issues[0]?.message).toMatch(/exactly one of "command".*or "url"/);
    expect(parse([{ name: 'a', when: 'before', command: ['x'], url: 'https://h.example' }]).success).toBe(false);
    expect(parse([{ name: 'a', when: 'after', url: 'http://h.example/' }]).error?.issues[0]?.message).toMatch(/hook "a": .*plain http/);
    expect(
      parse([
        { name: 'a', when: 'after', command: ['x'] },
        { name: 'a', when: 'before', command: ['y'] },
      ]).error?.issues[0]?.message,
    ).toMatch(/same name/);
  });
});
