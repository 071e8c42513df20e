import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledCatalogPath } from '../../../electron/catalog/catalog-loader.js';
import {
  containerPath,
  evaluateListItem,
  evaluateString,
  parseTemplate,
  splitOutsideTemplates,
  TemplateError,
  VolumeValue,
  type TemplateValue,
} from '../../../electron/catalog/template.js';

function resolverOf(values: Record<string, TemplateValue>) {
  return (path: string): TemplateValue => values[path];
}

describe('templates', () => {
  it('splits text and expressions, trimming paths and filters', () => {
    expect(parseTemplate('--level={{ s.level | or:info }}!')).toEqual([
      { kind: 'text', text: '--level=' },
      { kind: 'expr', expr: { raw: '{{ s.level | or:info }}', path: 's.level', filters: [{ name: 'or', fallback: 'info' }] } },
      { kind: 'text', text: '!' },
    ]);
    expect(parseTemplate('no templates')).toEqual([{ kind: 'text', text: 'no templates' }]);
  });

  it('refuses an unknown filter by name, listing the known ones', () => {
    expect(() => parseTemplate('{{s.paths|shout}}')).toThrow(TemplateError);
    expect(() => parseTemplate('{{s.paths|shout}}')).toThrow(/unknown template filter "shout".*volume, volume-target, into, or:<default>/);
    expect(() => parseTemplate('{{ | volume}}')).toThrow(/names no configuration key/);
  });

  it('knows every filter the bundled catalog uses', () => {
    const text = readFileSync(bundledCatalogPath(), 'utf8');
    const filters = new Set<string>();
    for (const match of text.matchAll(/\{\{[^}|]*((?:\|[^}|]*)+)\}\}/g)) {
      for (const filter of (match[1] ?? '').split('|').slice(1)) filters.add(filter.trim().replace(/:.*$/, ':'));
    }
    expect([...filters].sort()).toEqual(['into', 'or:', 'volume', 'volume-target']);
    for (const match of text.matchAll(/\{\{[^}]*\}\}/g)) expect(() => parseTemplate(match[0])).not.toThrow();
  });

  it('substitutes values in text, with unset values empty and lists joined by commas', () => {
    const resolve = resolverOf({ 's.host': 'db.local', 's.port': 5432, 's.tls': true, 's.list': ['a', 'b'] });
    expect(evaluateString('postgres://{{s.host}}:{{s.port}}/x?tls={{s.tls}}', resolve)).toBe('postgres://db.local:5432/x?tls=true');
    expect(evaluateString('{{s.unset}}', resolve)).toBe('');
    expect(evaluateString('{{s.list}}', resolve)).toBe('a,b');
  });

  it('or: gives a default for an empty value, [] and [a,b] as lists', () => {
    const resolve = resolverOf({ 's.set': 'x', 's.empty': '', 's.none': [] });
    expect(evaluateString('{{s.set|or:y}}', resolve)).toBe('x');
    expect(evaluateString('{{s.empty|or:y}}', resolve)).toBe('y');
    expect(evaluateString('{{s.unset|or:y}}', resolve)).toBe('y');
    expect(evaluateListItem('{{s.none|or:[a, b]|into}}', resolve)).toEqual(['a', 'b']);
    expect(evaluateListItem('{{s.unset|or:[]|into}}', resolve)).toEqual([]);
  });

  it('volume-target gives the container path; into splices a list into the arguments', () => {
    const resolve = resolverOf({ 's.paths': ['/home/me/code', 'C:\\Users\\me\\docs'], 's.one': '/data' });
    expect(evaluateListItem('{{s.paths|volume-target|into}}', resolve)).toEqual(['/home/me/code', '/c/Users/me/docs']);
    expect(evaluateListItem('{{s.paths|volume-target}}', resolve)).toEqual(['/home/me/code,/c/Users/me/docs']);
    expect(evaluateString('{{s.one|volume-target}}/okta.log', resolve)).toBe('/data/okta.log');
    expect(evaluateListItem('--root={{s.one}}', resolve)).toEqual(['--root=/data']);
    expect(evaluateListItem('{{s.unset}}', resolve)).toEqual([]);
  });

  it('volume turns each path into a source:target pair', () => {
    const resolve = resolverOf({ 's.paths': ['/a', '/b'] });
    const [first] = evaluateListItem('{{s.paths|volume|into}}', resolve);
    expect(first).toBe('/a:/a');
    expect(evaluateString('{{s.paths|volume}}', resolve)).toBe('/a:/a,/b:/b');
    expect(new VolumeValue('/x', '/x', 's.p').target).toBe('/x');
    expect(() => evaluateString('{{s.obj|volume}}', resolverOf({ 's.obj': { a: 1 } }))).toThrow(/needs a path or a list of paths/);
  });

  it('maps Windows host paths to Linux container paths', () => {
    expect(containerPath('C:\\Users\\me\\code')).toBe('/c/Users/me/code');
    expect(containerPath('D:/data/')).toBe('/d/data');
    expect(containerPath('C:\\')).toBe('/c');
    expect(containerPath('/home/me')).toBe('/home/me');
  });

  it('splits a volume on ":" only outside templates', () => {
    expect(splitOutsideTemplates('{{a.b|or:x:y}}:/target:ro', ':')).toEqual(['{{a.b|or:x:y}}', '/target', 'ro']);
    expect(splitOutsideTemplates('name:/data', ':')).toEqual(['name', '/data']);
    expect(splitOutsideTemplates('{{a.paths|volume|into}}', ':')).toEqual(['{{a.paths|volume|into}}']);
  });
});
