import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setToolEnabled, toolRows } from '../../../electron/servers/tool-settings.js';
import { parseToolArguments } from '../../../electron/cli/option-parsers.js';
import { SettingsStore } from '../../../electron/settings/settings-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('per-tool switches in settings', () => {
  it('records switched-off tools sorted, and drops the list when all are on again', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'switchyard-tools-'));
    dirs.push(dir);
    const store = new SettingsStore(dir);
    store.update((settings) => void (settings.servers.every = { image: 'x/y:1', enabled: true }));
    setToolEnabled(store, 'every', 'zeta', false);
    setToolEnabled(store, 'every', 'alpha', false);
    expect(store.load().settings.servers.every?.disabledTools).toEqual(['alpha', 'zeta']);
    setToolEnabled(store, 'every', 'alpha', true);
    setToolEnabled(store, 'every', 'zeta', true);
    expect(store.load().settings.servers.every).not.toHaveProperty('disabledTools');
    expect(() => setToolEnabled(store, 'other', 'x', false)).toThrow(/No server named "other".*/);
  });

  it('lists every tool with its switch, including a switched-off one the server no longer offers', () => {
    const rows = toolRows([{ server: 's', tools: [{ name: 'a', description: 'A' }, { name: 'b' }], disabled: ['b', 'gone'] }]);
    expect(rows).toEqual([
      { server: 's', name: 'a', description: 'A', enabled: true },
      { server: 's', name: 'b', enabled: false },
      { server: 's', name: 'gone', enabled: false },
    ]);
    expect(toolRows([{ server: 's', tools: [{ name: 'a' }], disabled: [] }], 'other')).toEqual([]);
  });
});

describe('tool arguments from the command line', () => {
  it('takes JSON values as such, text otherwise, and := as forced text', () => {
    expect(parseToolArguments(['a=2', 'b=true', 'c=hello world', 'd={"x":[1]}', 'e:=007', 'f='])).toEqual({
      a: 2,
      b: true,
      c: 'hello world',
      d: { x: [1] },
      e: '007',
      f: '',
    });
  });

  it('merges pairs into --args, and names what is wrong', () => {
    expect(parseToolArguments(['b=1'], '{"a": "x"}')).toEqual({ a: 'x', b: 1 });
    expect(() => parseToolArguments([], '[1]')).toThrow(/must be a JSON object/);
    expect(() => parseToolArguments([], '{oops')).toThrow(/--args is not valid JSON/);
    expect(() => parseToolArguments(['novalue'])).toThrow(/"novalue" is not key=value/);
  });
});
