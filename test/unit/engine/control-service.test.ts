import { describe, expect, it, vi } from 'vitest';
import { apiMethodNames } from '../../../shared/api.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { ControlService } from '../../../electron/control/control-service.js';
import { fakeHandlers, sampleServer, sampleStatus } from './support/fake-handlers.js';

describe('ControlService.dispatch', () => {
  it('runs the handler with the validated input and returns ok + result', async () => {
    const handlers = fakeHandlers();
    const control = new ControlService(handlers);
    expect(await control.dispatch('server.start', { name: 'github' })).toEqual({ ok: true, result: sampleServer('github') });
    expect(handlers.calls).toEqual([['server.start', { name: 'github' }]]);
  });

  it('treats missing params as an empty input', async () => {
    const handlers = fakeHandlers();
    const control = new ControlService(handlers);
    expect(await control.dispatch('gateway.status', undefined)).toEqual({ ok: true, result: sampleStatus });
    expect(await control.dispatch('gateway.status', null)).toEqual({ ok: true, result: sampleStatus });
    expect(handlers.calls).toEqual([
      ['gateway.status', {}],
      ['gateway.status', {}],
    ]);
  });

  it('answers an unknown method with UNKNOWN_METHOD, naming it and listing the known ones', async () => {
    const control = new ControlService(fakeHandlers());
    const outcome = await control.dispatch('gateway.explode', {});
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('UNKNOWN_METHOD');
    expect(outcome.error.message).toBe('Unknown control method "gateway.explode".');
    expect(outcome.error.hint).toBe(`Known methods: ${apiMethodNames.join(', ')}.`);
    expect(outcome.error.hint).toContain('gateway.status, gateway.start, gateway.stop, server.start, server.stop');
  });

  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty', ''])('does not treat the inherited property %j as a method', async (method) => {
    const outcome = await new ControlService(fakeHandlers()).dispatch(method, {});
    expect(outcome).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('answers invalid input with INVALID_INPUT naming the method and the field, and never calls the handler', async () => {
    const handlers = fakeHandlers();
    const control = new ControlService(handlers);

    const missing = await control.dispatch('server.start', {});
    expect(missing).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!missing.ok) {
      expect(missing.error.message).toMatch(/^Invalid input for server\.start: name: /);
    }

    const empty = await control.dispatch('server.start', { name: '' });
    if (!empty.ok) expect(empty.error.message).toMatch(/^Invalid input for server\.start: name: .*give the server name$/);
    else expect.fail('an empty name must be refused');

    const wrongType = await control.dispatch('server.stop', { name: 42 });
    if (!wrongType.ok) expect(wrongType.error.message).toMatch(/^Invalid input for server\.stop: name: .*string/i);
    else expect.fail('a numeric name must be refused');

    expect(handlers.calls).toEqual([]);
  });

  // Regression test for a fixed bug (cosmetic, shared/api.ts line 11): ServerNameInput's custom message is 'name: give the server name', and
  // ControlService already prefixes each issue with its path, so an empty name reads
  // "Invalid input for server.start: name: name: give the server name". Expected the field named once.
  // Fix: make the zod message 'give the server name' (the path prefix names the field).
  it('names the field once for an empty server name', async () => {
    const outcome = await new ControlService(fakeHandlers()).dispatch('server.start', { name: '' });
    expect(outcome).toMatchObject({ ok: false, error: { message: 'Invalid input for server.start: name: give the server name' } });
  });

  it('refuses unexpected fields (the inputs are strict), naming them', async () => {
    const control = new ControlService(fakeHandlers());
    const extra = await control.dispatch('gateway.status', { verbose: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!extra.ok) expect(extra.error.message).toContain('verbose');
    const extraOnServer = await control.dispatch('server.start', { name: 'a', force: true });
    if (!extraOnServer.ok) expect(extraOnServer.error.message).toContain('force');
    else expect.fail('unknown keys must be refused');
  });

  it('says "(input)" when the whole input has the wrong shape', async () => {
    const control = new ControlService(fakeHandlers());
    const outcome = await control.dispatch('server.start', 'github');
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^Invalid input for server\.start: \(input\): /) },
    });
  });

  it('keeps the code, message and hint of a SwitchyardError thrown by a handler', async () => {
    const control = new ControlService(
      fakeHandlers({
        'server.start': async () => {
          throw new SwitchyardError('SERVER_NOT_FOUND', 'No server named "ghost".', 'Configured servers: github.');
        },
      }),
    );
    expect(await control.dispatch('server.start', { name: 'ghost' })).toEqual({
      ok: false,
      error: { code: 'SERVER_NOT_FOUND', message: 'No server named "ghost".', hint: 'Configured servers: github.' },
    });
  });

  it('omits the hint key for a SwitchyardError without a hint', async () => {
    const control = new ControlService(
      fakeHandlers({
        'gateway.start': async () => {
          throw new SwitchyardError('DOCKER_UNREACHABLE', 'down');
        },
      }),
    );
    const outcome = await control.dispatch('gateway.start', {});
    expect(outcome).toEqual({ ok: false, error: { code: 'DOCKER_UNREACHABLE', message: 'down' } });
  });

  it('turns a plain Error (or a thrown non-Error) into INTERNAL with its message', async () => {
    const control = new ControlService(
      fakeHandlers({
        'gateway.stop': async () => {
          throw new Error('disk on fire');
        },
        'gateway.start': () => Promise.reject('just a string'),
      }),
    );
    expect(await control.dispatch('gateway.stop', {})).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'disk on fire' } });
    expect(await control.dispatch('gateway.start', {})).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'just a string' } });
  });

  it('never rejects, even when a handler throws synchronously', async () => {
    const control = new ControlService(
      fakeHandlers({
        'gateway.status': (() => {
          throw new TypeError('sync');
        }) as never,
      }),
    );
    await expect(control.dispatch('gateway.status', {})).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: 'sync' } });
  });
});

describe('ControlService events', () => {
  it('delivers an event to every listener', () => {
    const control = new ControlService(fakeHandlers());
    const a = vi.fn();
    const b = vi.fn();
    control.onEvent(a);
    control.onEvent(b);
    control.emit('gateway.status', sampleStatus);
    expect(a).toHaveBeenCalledWith('gateway.status', sampleStatus);
    expect(b).toHaveBeenCalledWith('gateway.status', sampleStatus);
  });

  it('stops delivering after unsubscribe, without affecting other listeners', () => {
    const control = new ControlService(fakeHandlers());
    const a = vi.fn();
    const b = vi.fn();
    const offA = control.onEvent(a);
    control.onEvent(b);
    offA();
    control.emit('gateway.status', sampleStatus);
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
    offA(); // unsubscribing twice is harmless
  });

  it('refuses an unknown event name as a programming error', () => {
    const control = new ControlService(fakeHandlers());
    const listener = vi.fn();
    control.onEvent(listener);
    expect(() => control.emit('gateway.exploded' as never, {} as never)).toThrow('unknown control event gateway.exploded');
    expect(listener).not.toHaveBeenCalled();
  });

  it('emits to nobody without error when there are no listeners', () => {
    expect(() => new ControlService(fakeHandlers()).emit('gateway.status', sampleStatus)).not.toThrow();
  });
});
