import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/core/logger.js';
import { newCallInfo } from '../../../electron/gateway/call-interceptors.js';
import { hookInterceptor } from '../../../electron/hooks/hook-interceptor.js';
import { HookSettingsSchema, type HookSettings } from '../../../electron/settings/settings-schema.js';

/** A command hook that prints `answer` (JSON) after reading its request; `$msg` in the answer becomes the request's arguments.message. */
function answering(name: string, when: 'before' | 'after', answer: unknown, extra: Partial<HookSettings> = {}): HookSettings {
  const script = `let s=''; process.stdin.on('data',(c)=>s+=c); process.stdin.on('end',()=>{ const req=JSON.parse(s); process.stdout.write(${JSON.stringify(JSON.stringify(answer))}.replace('$msg', req.arguments.message ?? '')); });`;
  return HookSettingsSchema.parse({ name, when, command: [process.execPath, '-e', script], ...extra });
}

function setUp(hooks: HookSettings[]) {
  const lines: string[] = [];
  const interceptor = hookInterceptor(
    () => hooks,
    createLogger('debug', (line) => lines.push(line)),
  );
  return { interceptor, lines };
}

const call = (method = 'tools/call', name = 'echo') =>
  newCallInfo({ client: { name: 'test', sessionId: 's' }, server: 'every', method, name, arguments: { message: 'hello' } });

describe('hookInterceptor', () => {
  it('lets a call through untouched when hooks allow or none match', async () => {
    const { interceptor } = setUp([answering('fine', 'before', {}), answering('elsewhere', 'before', { action: 'block' }, { match: { server: 'other' } })]);
    expect(await interceptor.before!(call())).toBeUndefined();
  });

  it('chains rewrites: each hook sees the arguments the one before left', async () => {
    const { interceptor } = setUp([
      answering('first', 'before', { action: 'rewrite', arguments: { message: '$msg, world' } }),
      answering('second', 'before', { action: 'rewrite', arguments: { message: '[$msg]' } }),
    ]);
    expect(await interceptor.before!(call())).toEqual({ arguments: { message: '[hello, world]' } });
  });

  it('denies with the hook’s reason, naming the hook', async () => {
    const { interceptor } = setUp([answering('gate', 'before', { action: 'block', reason: 'echo is off limits' })]);
    expect(await interceptor.before!(call())).toEqual({ deny: 'hook "gate" blocked every echo: echo is off limits' });
  });

  it('blocks on a failing before hook by default, and lets it pass with a warning when onError is allow', async () => {
    const failing = (extra: Partial<HookSettings> = {}) =>
      HookSettingsSchema.parse({ name: 'broken', when: 'before', command: [process.execPath, '-e', 'process.exit(2)'], ...extra });
    const strict = setUp([failing()]);
    expect(await strict.interceptor.before!(call())).toEqual({ deny: 'hook "broken" exited with code 2, and its onError is "block"' });
    const lenient = setUp([failing({ onError: 'allow' })]);
    expect(await lenient.interceptor.before!(call())).toBeUndefined();
    expect(lenient.lines.join('')).toContain('warn: hook "broken" exited with code 2; the tools/call every echo call goes on (onError "allow")');
  });

  it('lets a result pass when an after hook fails (default), rewrites or blocks results', async () => {
    const outcome = { result: { content: [{ type: 'text', text: 'Echo: hello' }] } };
    const broken = setUp([answering('garbled', 'after', 'not an object at all')]);
    expect(await broken.interceptor.after!(call(), outcome)).toBeUndefined();
    expect(broken.lines.join('')).toContain('hook "garbled" answered "not an object at all", which is not a hook answer');

    const rewrite = setUp([answering('polish', 'after', { action: 'rewrite', result: { content: [{ type: 'text', text: 'polished' }] } })]);
    expect(await rewrite.interceptor.after!(call(), outcome)).toEqual({ result: { content: [{ type: 'text', text: 'polished' }] } });

    const block = setUp([answering('censor', 'after', { action: 'block', reason: 'result withheld' })]);
    expect(await block.interceptor.after!(call(), outcome)).toEqual({ deny: 'hook "censor" blocked every echo: result withheld' });
  });

  it('treats rewriting the arguments of resources/read as a hook failure', async () => {
    const { interceptor } = setUp([answering('odd', 'before', { action: 'rewrite', arguments: { x: 1 } })]);
    const decision = await interceptor.before!(call('resources/read', 'file:///a'));
    expect(decision).toEqual({ deny: expect.stringContaining('resources/read has no arguments to rewrite') });
  });

  it('reads the hooks on every call, so a settings change applies at once', async () => {
    let hooks: HookSettings[] = [];
    const interceptor = hookInterceptor(() => hooks, createLogger('silent'));
    expect(await interceptor.before!(call())).toBeUndefined();
    hooks = [answering('new', 'before', { action: 'block', reason: 'added later' })];
    expect(await interceptor.before!(call())).toEqual({ deny: expect.stringContaining('added later') });
  });
});
