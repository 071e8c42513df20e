import { Document, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { EntryLocation } from '../types.js';
import { yamlErrorPosition } from '../../catalog/yaml-error-position.js';
import { ConfigParseError, ConfigShapeError, detectEol, isRecord, lineIndent, lineStartOf, nextLineStart, type FormatEditor } from './common.js';

const stringifyOptions = { lineWidth: 0, minContentWidth: 0 } as const;

/**
 * YAML edited in place. The yaml Document gives each node's source range; we cut or insert whole lines of our
 * entry, indented like its siblings, so comments, quoting and layout elsewhere stay byte for byte. Shapes that
 * cannot be edited by lines (a non-empty flow collection) fall back to the Document API, which keeps comments
 * but may re-flow that document.
 */
export function yamlEditor(): FormatEditor {
  return {
    parse(text) {
      return load(text).toJS() as unknown;
    },

    upsert(text, location, entry) {
      const doc = load(text);
      const root = doc.contents;
      if (root === null || (isScalar(root) && root.value === null)) return insertLines(text, text.length, renderPair(location.container, location, entry), '');
      if (!isMap(root)) throw new ConfigShapeError('the document is not a mapping of keys to values');
      if (root.flow) return viaDocument(doc, location, entry);
      let map: YAMLMap = root;
      const container = location.container;
      for (let depth = 0; depth < container.length; depth++) {
        const pair = findPair(map, container[depth]!);
        if (!pair) return insertLines(text, endOfCollection(text, map), renderPair(container.slice(depth), location, entry), childIndent(text, map));
        const value = pair.value as YamlNode | null;
        const last = depth === container.length - 1;
        if (value === null || (isScalar(value) && value.value === null) || ((isMap(value) || isSeq(value)) && value.flow && value.items.length === 0)) {
          return fillEmpty(text, pair, value, renderPair(container.slice(depth + 1), location, entry), lineIndent(text, keyOffset(pair)));
        }
        if (!last) {
          if (!isMap(value)) throw new ConfigShapeError(`"${container.slice(0, depth + 1).join('.')}" is not a mapping`);
          if (value.flow) return viaDocument(doc, location, entry);
          map = value;
          continue;
        }
        if (location.style === 'map') {
          if (!isMap(value)) throw new ConfigShapeError(`"${container.join('.')}" is not a mapping`);
          if (value.flow) return viaDocument(doc, location, entry);
          const existing = findPair(value, location.name);
          const lines = renderLines({ [location.name]: entry });
          if (existing) {
            const start = keyOffset(existing);
            if (!onlyIndentBefore(text, start)) return viaDocument(doc, location, entry);
            return replaceLines(text, lineStartOf(text, start), pairEnd(text, existing), lines, lineIndent(text, start));
          }
          return insertLines(text, endOfCollection(text, value), lines, childIndent(text, value));
        }
        if (!isSeq(value)) throw new ConfigShapeError(`"${container.join('.')}" is not a list`);
        if (value.flow) return viaDocument(doc, location, entry);
        const lines = renderLines([entry]);
        const existing = findItem(value, location);
        if (existing) {
          const dash = dashOffset(text, existing);
          if (dash === undefined) return viaDocument(doc, location, entry);
          return replaceLines(text, lineStartOf(text, dash), endOfNode(text, existing), lines, lineIndent(text, dash));
        }
        const first = value.items[0] as YamlNode;
        const dash = dashOffset(text, first);
        if (dash === undefined) return viaDocument(doc, location, entry);
        return insertLines(text, endOfCollection(text, value), lines, text.slice(lineStartOf(text, dash), dash));
      }
      return text;
    },

    remove(text, location) {
      const doc = load(text);
      const root = doc.contents;
      if (!isMap(root)) return text;
      let node: unknown = root;
      let containerPair: Pair | undefined;
      for (const key of location.container) {
        if (!isMap(node)) return text;
        containerPair = findPair(node, key);
        if (!containerPair) return text;
        node = containerPair.value;
      }
      if (location.style === 'map') {
        if (!isMap(node)) return text;
        const pair = findPair(node, location.name);
        if (!pair) return text;
        const start = keyOffset(pair);
        if (node.flow || !onlyIndentBefore(text, start)) return removeViaDocument(doc, location);
        const cut = cutLines(text, lineStartOf(text, start), pairEnd(text, pair));
        return node.items.length === 1 ? markEmpty(cut, containerPair!, '{}') : cut;
      }
      if (!isSeq(node)) return text;
      const item = findItem(node, location);
      if (!item) return text;
      const dash = dashOffset(text, item);
      if (node.flow || dash === undefined) return removeViaDocument(doc, location);
      const cut = cutLines(text, lineStartOf(text, dash), endOfNode(text, item));
      return node.items.length === 1 ? markEmpty(cut, containerPair!, '[]') : cut;
    },

    create(location, entry, template) {
      const body = renderPair(location.container, location, entry).join('\n') + '\n';
      if (!template) return body;
      return template.endsWith('\n') ? template + body : `${template}\n${body}`;
    },

    snippet(location, entry) {
      return renderPair(location.container, location, entry).join('\n') + '\n';
    },
  };
}

function load(text: string): Document.Parsed {
  const doc = parseDocument(text, { uniqueKeys: false });
  const problem = doc.errors[0];
  if (problem) {
    const at = yamlErrorPosition(text, problem);
    throw new ConfigParseError(at.line, at.column, problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
  }
  return doc;
}

/** A value as YAML lines (no final line break), at indentation zero. */
function renderLines(value: unknown): string[] {
  return new Document(value).toString(stringifyOptions).replace(/\n$/, '').split('\n');
}

/** `{ path...: container-with-our-entry }` as lines; with an empty path, just the container's content. */
function renderPair(path: readonly string[], location: EntryLocation, entry: Record<string, unknown>): string[] {
  let value: unknown = location.style === 'map' ? { [location.name]: entry } : [entry];
  for (const key of [...path].reverse()) value = { [key]: value };
  return renderLines(value);
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return (map.items as Pair[]).filter((pair) => (isScalar(pair.key) ? pair.key.value : pair.key) === key).at(-1);
}

function findItem(seq: YAMLSeq, location: EntryLocation & { style: 'list' }): YamlNode | undefined {
  return (seq.items as YamlNode[]).find((item) => {
    if (!isMap(item)) return false;
    const name = item.get(location.nameKey);
    return name === location.name;
  });
}

function keyOffset(pair: Pair): number {
  const key = pair.key as YamlNode;
  return key.range![0];
}

function onlyIndentBefore(text: string, offset: number): boolean {
  return text.slice(lineStartOf(text, offset), offset).trim() === '';
}

/** Offset of the `-` introducing a block sequence item, when it is first on its line. */
function dashOffset(text: string, item: YamlNode): number | undefined {
  const start = item.range![0];
  const before = text.slice(lineStartOf(text, start), start);
  const match = /^([ \t]*)-[ \t]+$/.exec(before);
  return match ? lineStartOf(text, start) + match[1]!.length : undefined;
}

/** The line start after a node (its range may stop before a trailing comment or line break). */
function endOfNode(text: string, node: YamlNode | null): number {
  if (!node?.range) throw new ConfigShapeError('cannot locate an entry in the YAML text');
  const stop = node.range[2];
  return stop > 0 && text[stop - 1] === '\n' ? stop : nextLineStart(text, stop);
}

function pairEnd(text: string, pair: Pair): number {
  return endOfNode(text, (pair.value ?? pair.key) as YamlNode);
}

function endOfCollection(text: string, collection: YAMLMap | YAMLSeq): number {
  const last = collection.items.at(-1) as YamlNode | Pair | undefined;
  if (!last) return endOfNode(text, collection);
  const node = (isPairLike(last) ? (last.value ?? last.key) : last) as YamlNode;
  return endOfNode(text, node);
}

function isPairLike(value: unknown): value is Pair {
  return isRecord(value) && 'key' in value && 'value' in value;
}

/** Indentation of the items of a block mapping. */
function childIndent(text: string, map: YAMLMap): string {
  const first = map.items[0];
  return first ? lineIndent(text, keyOffset(first as Pair)) : '';
}

function insertLines(text: string, at: number, lines: string[], indent: string): string {
  const eol = detectEol(text);
  const block = lines.map((line) => (line === '' ? line : indent + line)).join(eol) + eol;
  const before = text.slice(0, at);
  const glue = before === '' || before.endsWith('\n') ? '' : eol;
  return before + glue + block + text.slice(at);
}

function replaceLines(text: string, start: number, stop: number, lines: string[], indent: string): string {
  const eol = detectEol(text);
  const trailing = text.slice(start, stop).endsWith('\n') ? eol : '';
  return text.slice(0, start) + lines.map((line) => (line === '' ? line : indent + line)).join(eol) + trailing + text.slice(stop);
}

function cutLines(text: string, start: number, stop: number): string {
  return text.slice(0, start) + text.slice(stop);
}

/**
 * A container that is null or an empty flow collection (`extensions: {}`): the flow token goes, our block goes
 * on the following lines, indented one step deeper than the key.
 */
function fillEmpty(text: string, pair: Pair, value: YamlNode | null, lines: string[], keyIndent: string): string {
  let lineEnd: number;
  let result = text;
  if (value?.range && value.range[1] > value.range[0]) {
    let start = value.range[0];
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    result = text.slice(0, start) + text.slice(value.range[1]);
    lineEnd = nextLineStart(result, start);
  } else {
    lineEnd = nextLineStart(text, keyOffset(pair));
  }
  return insertLines(result, lineEnd, lines, keyIndent + '  ');
}

/** After our entry was the container's only item: `key:` becomes `key: {}` (or `[]`), so it stays a collection. */
function markEmpty(text: string, containerPair: Pair, empty: string): string {
  const key = containerPair.key as YamlNode;
  const colon = text.indexOf(':', key.range![1]);
  if (colon === -1) return text;
  return `${text.slice(0, colon + 1)} ${empty}${text.slice(colon + 1)}`;
}

function viaDocument(doc: Document.Parsed, location: EntryLocation, entry: Record<string, unknown>): string {
  const path = [...location.container];
  if (location.style === 'map') {
    doc.setIn([...path, location.name], doc.createNode(entry));
  } else {
    const seq = doc.getIn(path, true);
    const index = isSeq(seq) ? (seq.items as YamlNode[]).findIndex((item) => isMap(item) && item.get(location.nameKey) === location.name) : -1;
    if (index >= 0) doc.setIn([...path, index], doc.createNode(entry));
    else if (isSeq(seq)) seq.add(doc.createNode(entry));
    else doc.setIn(path, doc.createNode([entry]));
  }
  return doc.toString(stringifyOptions);
}

function removeViaDocument(doc: Document.Parsed, location: EntryLocation): string {
  const path = [...location.container];
  if (location.style === 'map') {
    doc.deleteIn([...path, location.name]);
  } else {
    const seq = doc.getIn(path, true);
    if (isSeq(seq)) {
      const index = (seq.items as YamlNode[]).findIndex((item) => isMap(item) && item.get(location.nameKey) === location.name);
      if (index >= 0) seq.items.splice(index, 1);
    }
  }
  return doc.toString(stringifyOptions);
}
