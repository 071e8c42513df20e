import { describe, expect, it } from 'vitest';
import { CatalogFileError, parseCatalogText } from '../../../electron/catalog/catalog-loader.js';
import { editorFor } from '../../../electron/clients/connector.js';
import { ConfigParseError } from '../../../electron/clients/formats/common.js';

function catalogErrorAt(text: string): { line?: number; column?: number } {
  try {
    parseCatalogText(text, 'c.yaml');
  } catch (error) {
    if (error instanceof CatalogFileError) return { line: error.line, column: error.column };
    throw error;
  }
  throw new Error('expected a YAML error');
}

describe('YAML parse errors name the line and column of the problem', () => {
  it('points at a wrongly indented item, not at the start of its line', () => {
    // "image" starts at column 4 of line 4; the parser said column 1.
    expect(catalogErrorAt('registry:\n  a:\n    title: x\n   image: y\n')).toEqual({ line: 4, column: 4 });
  });

  it('points at the opening quote of an unclosed string, not past the end of the file', () => {
    // The quote opens at line 3, column 12; the parser said line 7 of a 6-line file.
    expect(catalogErrorAt('registry:\n  a:\n    title: "unterminated\n    image: x\n  b:\n    image: y\n')).toEqual({ line: 3, column: 12 });
  });

  it('does the same for client config files in YAML', () => {
    const editor = editorFor('yaml');
    let caught: unknown;
    try {
      editor.parse("name: x\nmcpServers:\n  - name: 'open\n    url: y\n");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigParseError);
    expect(caught).toMatchObject({ line: 3, column: 11 });
  });

  it('points at the bracket of an unclosed flow sequence', () => {
    expect(catalogErrorAt('registry:\n  a:\n    tags: [x, y\n    image: x\n  b:\n    image: y\n')).toEqual({ line: 3, column: 11 });
  });

  it('keeps positions the parser already gets right', () => {
    expect(catalogErrorAt('registry:\n  a:\n    image: a: b\n')).toEqual({ line: 3, column: 12 });
  });
});
