import { createScanner, parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { EntryLocation } from '../types.js';
import { ConfigParseError, ConfigShapeError, detectEol, lineColumn, lineIndent, lineStartOf, type FormatEditor } from './common.js';

/**
 * JSON and JSONC (comments, trailing commas) edited in place: jsonc-parser finds the nodes, and we splice only
 * the text of our property, indented like its neighbours. jsonc-parser's own `modify` re-formats the lines it
 * touches (a sibling written on one line gets expanded), so it is not used for writing.
 */
export function jsonEditor(options: { comments: boolean }): FormatEditor {
  const parseOptions = { allowTrailingComma: options.comments, disallowComments: !options.comments, allowEmptyContent: true };

  function tree(text: string): Node | undefined {
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, parseOptions);
    const first = errors[0];
    if (first) {
      const { line, column } = lineColumn(text, first.offset);
      throw new ConfigParseError(line, column, describeError(printParseErrorCode(first.error), options.comments));
    }
    return root;
  }

  return {
    parse(text) {
      if (tree(text) === undefined) return undefined;
      return parse(text, [], parseOptions) as unknown;
    },

    upsert(text, location, entry) {
      mapOnly(location);
      const root = tree(text);
      if (!root) return text.replace(/\s*$/, '') + (text.trim() === '' ? '' : detectEol(text)) + this.create(location, entry);
      if (root.type !== 'object') throw new ConfigShapeError('the document is not a JSON object');
      const style = styleOf(text);
      const path = [...location.container, location.name];
      let node = root;
      for (let depth = 0; depth < path.length; depth++) {
        const property = findProperty(node, path[depth]!);
        if (!property) {
          let value: unknown = entry;
          for (let rest = path.length - 1; rest > depth; rest--) value = { [path[rest]!]: value };
          return insertProperty(text, node, path[depth]!, value, style);
        }
        const valueNode = property.children![1]!;
        if (depth === path.length - 1) return replaceValue(text, property, valueNode, entry, style);
        if (valueNode.type !== 'object') {
          if (valueNode.type === 'null') return replaceValue(text, property, valueNode, nest(path.slice(depth + 1), entry), style);
          throw new ConfigShapeError(`"${path.slice(0, depth + 1).join('.')}" is not an object`);
        }
        node = valueNode;
      }
      return text;
    },

    remove(text, location) {
      mapOnly(location);
      const root = tree(text);
      if (!root || root.type !== 'object') return text;
      let node: Node = root;
      const path = [...location.container, location.name];
      let property: Node | undefined;
      for (let depth = 0; depth < path.length; depth++) {
        property = findProperty(node, path[depth]!);
        if (!property) return text;
        if (depth < path.length - 1) {
          const valueNode = property.children![1]!;
          if (valueNode.type !== 'object') return text;
          node = valueNode;
        }
      }
      return removeProperty(text, node, property!);
    },

    create(location, entry) {
      mapOnly(location);
      return JSON.stringify(nest(location.container, { [location.name]: entry }), null, 2) + '\n';
    },

    snippet(location, entry) {
      return this.create(location, entry);
    },
  };
}

/** jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read: the values we need. */
const Token = { Comma: 5, LineComment: 12, BlockComment: 13, LineBreak: 14, Trivia: 15, EOF: 17 } as const;
const trivia = new Set<number>([Token.LineComment, Token.BlockComment, Token.LineBreak, Token.Trivia]);

interface Style {
  eol: string;
  unit: string;
}

function nest(keys: readonly string[], value: unknown): unknown {
  let result = value;
  for (const key of [...keys].reverse()) result = { [key]: result };
  return result;
}

function mapOnly(location: EntryLocation): void {
  if (location.style !== 'map') throw new Error('JSON configs keep MCP servers in an object');
}

function describeError(code: string, comments: boolean): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  if (!comments && (code === 'InvalidCommentToken' || code === 'PropertyNameExpected' || code === 'ValueExpected')) {
    return `${words} (this file must be plain JSON: no comments, no trailing commas)`;
  }
  return words;
}

/** Indentation unit (tab or the smallest space indent) and line break of the file. */
function styleOf(text: string): Style {
  const eol = detectEol(text);
  let unit = '';
  for (const match of text.matchAll(/^([ \t]+)["}\]]/gm)) {
    const indent = match[1]!;
    if (indent.startsWith('\t')) {
      unit = '\t';
      break;
    }
    if (unit === '' || indent.length < unit.length) unit = indent;
  }
  return { eol, unit: unit || '  ' };
}

function findProperty(object: Node, key: string): Node | undefined {
  // The last duplicate wins, as in JSON.parse and jsonc-parser's own value.
  return object.children?.filter((property) => property.children?.[0]?.value === key).at(-1);
}

function stringify(value: unknown, indent: string, style: Style): string {
  return JSON.stringify(value, null, style.unit)
    .split('\n')
    .join(style.eol + indent);
}

function end(node: Node): number {
  return node.offset + node.length;
}

/** Same line, no line break in between. */
function sameLine(text: string, from: number, to: number): boolean {
  return !text.slice(from, to).includes('\n');
}

function insertProperty(text: string, object: Node, key: string, value: unknown, style: Style): string {
  const properties = object.children ?? [];
  const open = object.offset;
  const close = end(object) - 1;
  const last = properties.at(-1);
  if (!last) {
    const outer = lineIndent(text, open);
    const inner = outer + style.unit;
    const body = `${JSON.stringify(key)}: ${stringify(value, inner, style)}`;
    if (text.slice(open + 1, close).trim() === '') return `${text.slice(0, open + 1)}${style.eol}${inner}${body}${style.eol}${outer}${text.slice(close)}`;
    return `${text.slice(0, open + 1)}${style.eol}${inner}${body}${text.slice(open + 1)}`;
  }
  if (sameLine(text, open, last.offset)) {
    // A one-line object stays on one line.
    const spaced = /,\s/.test(text.slice(open, close)) || /^\{\s/.test(text.slice(open));
    const insert = `,${spaced ? ' ' : ''}${JSON.stringify(key)}:${spaced ? ' ' : ''}${JSON.stringify(value)}`;
    return text.slice(0, end(last)) + insert + text.slice(end(last));
  }
  const indent = lineIndent(text, last.offset);
  const insert = `,${style.eol}${indent}${JSON.stringify(key)}: ${stringify(value, indent, style)}`;
  return text.slice(0, end(last)) + insert + text.slice(end(last));
}

function replaceValue(text: string, property: Node, valueNode: Node, value: unknown, style: Style): string {
  const parent = property.parent!;
  const oneLine = sameLine(text, parent.offset, property.offset) && sameLine(text, property.offset, end(valueNode));
  const replacement = oneLine ? JSON.stringify(value) : stringify(value, lineIndent(text, property.offset), style);
  return text.slice(0, valueNode.offset) + replacement + text.slice(end(valueNode));
}

/** Offset of the first token after `offset` that is not whitespace or a comment, with its kind. */
function nextToken(text: string, offset: number): { kind: number; offset: number } {
  const scanner = createScanner(text.slice(offset), false);
  for (;;) {
    const kind: number = scanner.scan();
    if (trivia.has(kind)) continue;
    return { kind, offset: offset + scanner.getTokenOffset() };
  }
}

function hasComment(text: string, from: number, to: number): boolean {
  const scanner = createScanner(text.slice(from, to), false);
  for (let kind: number = scanner.scan(); kind !== Token.EOF; kind = scanner.scan()) {
    if (kind === Token.LineComment || kind === Token.BlockComment) return true;
  }
  return false;
}

function removeProperty(text: string, object: Node, property: Node): string {
  const properties = object.children!;
  const index = properties.indexOf(property);
  const previous = properties[index - 1];
  const next = properties[index + 1];
  const after = nextToken(text, end(property));
  const commaAfter = after.kind === Token.Comma;

  if (previous && !hasComment(text, end(previous), property.offset)) {
    // `<previous>,\n  "ours": {...}` -> `<previous>`; whatever followed ours (a comma, comments) stays.
    return text.slice(0, end(previous)) + text.slice(end(property));
  }
  if (!previous && next) {
    // `"ours": {...},\n  <next>` -> `<next>` (or the comments before it), at the indentation ours had.
    const resume = after.offset + 1 + /^\s*/.exec(text.slice(after.offset + 1))![0].length;
    return text.slice(0, property.offset) + text.slice(resume);
  }
  if (!previous) {
    // The only property. An object left with nothing but white space becomes `{}`.
    const stop = commaAfter ? after.offset + 1 : end(property);
    const open = object.offset + 1;
    const close = end(object) - 1;
    if ((text.slice(open, property.offset) + text.slice(stop, close)).trim() === '') return text.slice(0, open) + text.slice(close);
    return text.slice(0, property.offset) + text.slice(stop);
  }
  // Comments between the previous property and ours: they stay; our line goes.
  const lineStart = lineStartOf(text, property.offset);
  const start = text.slice(lineStart, property.offset).trim() === '' ? lineStart : property.offset;
  let stop = commaAfter ? after.offset + 1 : end(property);
  const rest = /^[ \t]*\r?\n/.exec(text.slice(stop));
  if (rest && start === lineStart) stop += rest[0].length;
  let result = text.slice(0, start) + text.slice(stop);
  if (!next && !commaAfter) {
    // We were last: the comma that separated us from the previous property goes too.
    const comma = nextToken(result, end(previous));
    if (comma.kind === Token.Comma) result = result.slice(0, comma.offset) + result.slice(comma.offset + 1);
  }
  return result;
}
