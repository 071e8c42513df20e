import type { YAMLError } from 'yaml';

/** 1-based line and column. */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Where a YAML error really is, for a person to look at. The yaml parser places some errors where it gave up
 * rather than where the problem is: an item indented wrongly at column 1 of its line (not at the item), an
 * unclosed quote or bracket at the end of the file (past its last line). This points at the item's first
 * character and at the opening quote or bracket instead, and never past the end of the text.
 */
export function yamlErrorPosition(text: string, error: Pick<YAMLError, 'code' | 'message' | 'pos'>): TextPosition {
  let offset = Math.max(0, Math.min(error.pos[0], text.length));
  const quote = /^Missing closing (["'])quote/.exec(error.message)?.[1];
  const flowEnd = /^Flow (?:sequence|map) .*end with an? ([\]}])/.exec(error.message)?.[1];
  if (error.code === 'MISSING_CHAR' && quote) {
    const opening = text.lastIndexOf(quote, offset - 1);
    if (opening >= 0) offset = opening;
  } else if (flowEnd) {
    // An unclosed [ or {: at the bracket that opens it.
    const opening = text.lastIndexOf(flowEnd === ']' ? '[' : '{', offset - 1);
    if (opening >= 0) offset = opening;
  } else if (error.code === 'BAD_INDENT') {
    // At the start of a line: the item is at its first non-blank character.
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    if (/^[ \t]*$/.test(text.slice(lineStart, offset))) {
      const rest = /^[ \t]*/.exec(text.slice(lineStart))![0].length;
      offset = lineStart + rest;
    }
  }
  if (offset >= text.length && text.endsWith('\n') && text.length > 0) offset = text.length - 1;
  return positionOf(text, offset);
}

function positionOf(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    if (text[index] === '\n') {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
