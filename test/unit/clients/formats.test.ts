import { describe, expect, it } from 'vitest';
import { ConfigParseError, ConfigShapeError, getEntry, verifyEdit, type FormatEditor } from '../../../electron/clients/formats/common.js';
import { jsonEditor } from '../../../electron/clients/formats/json.js';
import { parseHeader, tomlEditor } from '../../../electron/clients/formats/toml.js';
import { yamlEditor } from '../../../electron/clients/formats/yaml.js';
import type { EntryLocation } from '../../../electron/clients/types.js';

const entry = { url: 'http://127.0.0.1:8819/mcp', headers: { Authorization: 'Bearer tok' } };
const mcpServers: EntryLocation = { style: 'map', container: ['mcpServers'], name: 'switchyard' };
const extensions: EntryLocation = { style: 'map', container: ['extensions'], name: 'switchyard' };
const continueList: EntryLocation = { style: 'list', container: ['mcpServers'], name: 'switchyard', nameKey: 'name' };
const codexTable: EntryLocation = { style: 'map', container: ['mcp_servers'], name: 'switchyard' };

/** Upsert, check the edit, remove, check again; returns both texts. */
function roundTrip(editor: FormatEditor, text: string, location: EntryLocation, value: Record<string, unknown> = entry): { added: string; removed: string } {
  const before = editor.parse(text);
  const added = editor.upsert(text, location, value);
  verifyEdit(editor, before, added, location, value);
  expect(getEntry(editor.parse(added), location)).toEqual(value);
  const removed = editor.remove(added, location);
  verifyEdit(editor, editor.parse(added), removed, location, undefined);
  return { added, removed };
}

describe('JSON editor', () => {
  const json = jsonEditor({ comments: false });
  const jsonc = jsonEditor({ comments: true });

  it('creates the container in an empty file, an empty object, or next to other keys', () => {
    expect(roundTrip(json, '', mcpServers).added).toBe(JSON.stringify({ mcpServers: { switchyard: entry } }, null, 2) + '\n');
    expect(roundTrip(json, '{}', mcpServers).removed).toBe('{\n  "mcpServers": {}\n}');
    const other = '{\n  "theme": "dark"\n}\n';
    const { added, removed } = roundTrip(json, other, mcpServers);
    expect(added).toContain('"theme": "dark",\n  "mcpServers": {\n    "switchyard": {');
    // The container connect created stays, empty, after disconnect.
    expect(JSON.parse(removed)).toEqual({ theme: 'dark', mcpServers: {} });
  });

  it('fills an empty container and empties it again', () => {
    const text = '{\n  "mcpServers": {}\n}\n';
    const { added, removed } = roundTrip(json, text, mcpServers);
    expect(added).toBe(
      '{\n  "mcpServers": {\n    "switchyard": {\n      "url": "http://127.0.0.1:8819/mcp",\n      "headers": {\n        "Authorization": "Bearer tok"\n      }\n    }\n  }\n}\n',
    );
    expect(removed).toBe(text);
  });

  it('replaces a null container', () => {
    const { added } = roundTrip(json, '{ "mcpServers": null }', mcpServers);
    expect(JSON.parse(added)).toEqual({ mcpServers: { switchyard: entry } });
  });

  it('replaces an existing entry in place, leaving its neighbours alone', () => {
    const text =
      '{\n  "mcpServers": {\n    "a": { "command": "x" },\n    "switchyard": { "url": "http://127.0.0.1:1/mcp" },\n    "b": { "command": "y" }\n  }\n}\n';
    const added = json.upsert(text, mcpServers, entry);
    expect(added).toContain('    "a": { "command": "x" },\n    "switchyard": {\n      "url"');
    expect(added).toContain('\n    },\n    "b": { "command": "y" }\n');
    verifyEdit(json, json.parse(text), added, mcpServers, entry);
  });

  it('removes an entry the user placed first, in the middle or last, with comments around', () => {
    const first = '{\n  "mcpServers": {\n    "switchyard": {},\n    // about a\n    "a": 1\n  }\n}';
    expect(jsonc.remove(first, mcpServers)).toBe('{\n  "mcpServers": {\n    // about a\n    "a": 1\n  }\n}');
    const middle = '{ "mcpServers": { "a": 1, "switchyard": {}, "b": 2 } }';
    expect(json.remove(middle, mcpServers)).toBe('{ "mcpServers": { "a": 1, "b": 2 } }');
    const commented = '{\n  "mcpServers": {\n    "a": 1,\n    // ours\n    "switchyard": {}\n  }\n}';
    const removed = jsonc.remove(commented, mcpServers);
    expect(removed).toBe('{\n  "mcpServers": {\n    "a": 1\n    // ours\n  }\n}');
    expect(jsonc.parse(removed)).toEqual({ mcpServers: { a: 1 } });
    const only = '{ "mcpServers": { "switchyard": {} } }';
    expect(json.remove(only, mcpServers)).toBe('{ "mcpServers": {} }');
  });

  it('keeps a one-line document on one line', () => {
    const { added, removed } = roundTrip(json, '{"mcpServers":{"a":{"command":"x"}}}', mcpServers);
    expect(added).toBe('{"mcpServers":{"a":{"command":"x"},"switchyard":' + JSON.stringify(entry) + '}}');
    expect(removed).toBe('{"mcpServers":{"a":{"command":"x"}}}');
  });

  it('indents like the file: tabs, four spaces', () => {
    expect(roundTrip(json, '{\n\t"mcpServers": {\n\t\t"a": 1\n\t}\n}', mcpServers).added).toContain('\n\t\t"switchyard": {\n\t\t\t"url"');
    expect(roundTrip(json, '{\n    "x": 1\n}', mcpServers).added).toContain('\n    "mcpServers": {\n        "switchyard": {\n            "url"');
  });

  it('reports syntax errors with line and column; strict JSON refuses comments', () => {
    expect(() => json.parse('{\n  "a": 1,\n}')).toThrow(ConfigParseError);
    try {
      json.parse('{\n  // no\n  "a": 1\n}');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ line: 2, column: 3 });
    }
    expect(jsonc.parse('{\n  // yes\n  "a": 1,\n}')).toEqual({ a: 1 });
  });

  it('refuses a document that is not an object', () => {
    expect(() => json.upsert('[1, 2]', mcpServers, entry)).toThrow(ConfigShapeError);
  });
});

describe('YAML editor', () => {
  const yaml = yamlEditor();

  it('appends the container to a document without one (and to an empty one)', () => {
    const text = 'GOOSE_PROVIDER: openai # provider\n';
    const { added } = roundTrip(yaml, text, extensions);
    expect(added.startsWith(text)).toBe(true);
    expect(added).toContain('extensions:\n  switchyard:\n    url: http://127.0.0.1:8819/mcp\n');
    expect(roundTrip(yaml, '', extensions).added).toBe(
      'extensions:\n  switchyard:\n    url: http://127.0.0.1:8819/mcp\n    headers:\n      Authorization: Bearer tok\n',
    );
    expect(roundTrip(yaml, '# only a comment\n', extensions).added.startsWith('# only a comment\nextensions:\n')).toBe(true);
  });

  it('turns `{}` into a block and back', () => {
    const text = 'a: 1\nextensions: {}  # none yet\nb: 2\n';
    const { added, removed } = roundTrip(yaml, text, extensions);
    expect(added).toBe(
      'a: 1\nextensions:  # none yet\n  switchyard:\n    url: http://127.0.0.1:8819/mcp\n    headers:\n      Authorization: Bearer tok\nb: 2\n',
    );
    expect(removed).toBe(text);
  });

  it('fills an empty (null) container', () => {
    const { added, removed } = roundTrip(yaml, 'extensions:\nother: 1\n', extensions);
    expect(added).toBe('extensions:\n  switchyard:\n    url: http://127.0.0.1:8819/mcp\n    headers:\n      Authorization: Bearer tok\nother: 1\n');
    expect(yaml.parse(removed)).toEqual({ extensions: {}, other: 1 });
  });

  it('adds to a list with the dash indentation the file uses', () => {
    const flush = 'mcpServers:\n- name: a\n  command: x\n';
    const indented = 'mcpServers:\n    -   name: a\n        command: x\n';
    const entryWithName = { name: 'switchyard', ...entry };
    expect(roundTrip(yaml, flush, continueList, entryWithName).added).toBe(
      flush + '- name: switchyard\n  url: http://127.0.0.1:8819/mcp\n  headers:\n    Authorization: Bearer tok\n',
    );
    expect(roundTrip(yaml, indented, continueList, entryWithName).added).toContain('\n    - name: switchyard\n      url:');
    const { removed } = roundTrip(yaml, 'mcpServers: []\n', continueList, entryWithName);
    expect(removed).toBe('mcpServers: []\n');
  });

  it('replaces our list item in place', () => {
    const text = 'mcpServers:\n  - name: switchyard\n    url: http://127.0.0.1:1/mcp\n  - name: b\n    command: y\n';
    const value = { name: 'switchyard', ...entry };
    const added = yaml.upsert(text, continueList, value);
    expect(added).toBe(
      'mcpServers:\n  - name: switchyard\n    url: http://127.0.0.1:8819/mcp\n    headers:\n      Authorization: Bearer tok\n  - name: b\n    command: y\n',
    );
  });

  it('keeps CRLF line endings and a missing final line break', () => {
    const text = 'extensions:\r\n  a:\r\n    cmd: x';
    const { added, removed } = roundTrip(yaml, text, extensions);
    expect(added).toBe(
      'extensions:\r\n  a:\r\n    cmd: x\r\n  switchyard:\r\n    url: http://127.0.0.1:8819/mcp\r\n    headers:\r\n      Authorization: Bearer tok\r\n',
    );
    expect(removed).toBe('extensions:\r\n  a:\r\n    cmd: x\r\n');
  });

  it('falls back to the Document API for a non-empty flow mapping, keeping the data', () => {
    const text = 'extensions: { a: { cmd: x } }\n';
    const { added } = roundTrip(yaml, text, extensions);
    expect(yaml.parse(added)).toEqual({ extensions: { a: { cmd: 'x' }, switchyard: entry } });
  });

  it('reports errors with their line', () => {
    expect(() => yaml.parse('a: 1\nb:\n  - x\n - y\n')).toThrow(ConfigParseError);
  });
});

describe('TOML editor', () => {
  const toml = tomlEditor();
  const codexEntry = { url: 'http://127.0.0.1:8819/mcp', http_headers: { Authorization: 'Bearer tok' } };
  const block = '[mcp_servers.switchyard]\nurl = "http://127.0.0.1:8819/mcp"\nhttp_headers = { Authorization = "Bearer tok" }\n';

  it('creates, appends after other tables, and cuts exactly what it added', () => {
    expect(roundTrip(toml, '', codexTable, codexEntry).added).toBe(block);
    const text = 'model = "o3"\n';
    const { added, removed } = roundTrip(toml, text, codexTable, codexEntry);
    expect(added).toBe(`${text}\n${block}`);
    expect(removed).toBe(text);
  });

  it('goes after the last mcp_servers table, before the comments of the next table', () => {
    const text = '[mcp_servers.a]\ncommand = "x"\n\n# the next one\n[profiles.p]\nmodel = "o3"\n';
    const { added, removed } = roundTrip(toml, text, codexTable, codexEntry);
    expect(added).toBe(`[mcp_servers.a]\ncommand = "x"\n\n${block}\n# the next one\n[profiles.p]\nmodel = "o3"\n`);
    expect(removed).toBe(text);
  });

  it('replaces our table and its sub-tables in place', () => {
    const text = '[mcp_servers.switchyard]\ncommand = "old"\n\n[mcp_servers.switchyard.env]\nA = "1"\n\n[other]\nx = 1\n';
    const added = toml.upsert(text, codexTable, codexEntry);
    expect(added).toBe(`${block}\n[other]\nx = 1\n`);
  });

  it('does not take a header-looking line inside a multi-line string or array for a table', () => {
    const text = 's = """\n[mcp_servers.switchyard]\n"""\narr = [\n  [1, 2],\n]\n';
    const { added, removed } = roundTrip(toml, text, codexTable, codexEntry);
    expect(added).toBe(`${text}\n${block}`);
    expect(removed).toBe(text);
  });

  it('keeps a file without a final line break intact apart from our table', () => {
    const { added } = roundTrip(toml, 'a = 1', codexTable, codexEntry);
    expect(added).toBe(`a = 1\n\n${block}`);
  });

  it('refuses an entry written inline', () => {
    const text = '[mcp_servers]\nswitchyard = { command = "x" }\n';
    expect(() => toml.upsert(text, codexTable, codexEntry)).toThrow(/inline/);
  });

  it('parses quoted header keys', () => {
    expect(parseHeader('[ mcp_servers . "switch yard" ] # c')).toEqual(['mcp_servers', 'switch yard']);
    expect(parseHeader("[[a.'b.c']]")).toEqual(['a', 'b.c']);
    expect(parseHeader('[a.b] x = 1')).toBeUndefined();
  });

  it('reports errors with their line and column', () => {
    try {
      toml.parse('a = 1\nb = = 2\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigParseError);
      expect((error as ConfigParseError).line).toBe(2);
    }
  });
});
