import { describe, expect, it } from 'vitest';
import { StderrBuffer } from '../../../electron/runtime/stderr-buffer.js';

describe('StderrBuffer', () => {
  it('starts empty', () => {
    expect(new StderrBuffer().tail()).toEqual([]);
  });

  it('splits writes into lines and returns them oldest first', () => {
    const buffer = new StderrBuffer();
    buffer.write('one\ntwo\n');
    buffer.write(Buffer.from('three\n'));
    expect(buffer.tail()).toEqual(['one', 'two', 'three']);
  });

  it('joins a line written in several pieces', () => {
    const buffer = new StderrBuffer();
    buffer.write('Error: con');
    buffer.write('nection ');
    buffer.write('refused\nnext');
    expect(buffer.tail()).toEqual(['Error: connection refused', 'next']);
  });

  it('includes the unterminated last line in tail() and completes it later', () => {
    const buffer = new StderrBuffer();
    buffer.write('done\nhalf');
    expect(buffer.tail()).toEqual(['done', 'half']);
    buffer.write(' line\n');
    expect(buffer.tail()).toEqual(['done', 'half line']);
  });

  it('strips a trailing \\r from CRLF lines', () => {
    const buffer = new StderrBuffer();
    buffer.write('windows\r\nstyle\r\n');
    expect(buffer.tail()).toEqual(['windows', 'style']);
  });

  it('keeps empty lines (they are part of what the server wrote)', () => {
    const buffer = new StderrBuffer();
    buffer.write('a\n\nb\n');
    expect(buffer.tail()).toEqual(['a', '', 'b']);
  });

  it('keeps only the newest maxLines lines', () => {
    const buffer = new StderrBuffer(3, 100);
    for (let i = 1; i <= 10; i++) buffer.write(`line ${i}\n`);
    expect(buffer.tail()).toEqual(['line 8', 'line 9', 'line 10']);
  });

  it('tail(count) returns the newest count lines, counting the partial line', () => {
    const buffer = new StderrBuffer();
    buffer.write('a\nb\nc\npartial');
    expect(buffer.tail(2)).toEqual(['c', 'partial']);
    expect(buffer.tail(1)).toEqual(['partial']);
  });

  it('truncates each complete line to maxLineLength', () => {
    const buffer = new StderrBuffer(10, 5);
    buffer.write('0123456789\nshort\n');
    expect(buffer.tail()).toEqual(['01234', 'short']);
  });

  it('bounds an endless unterminated line, even across many writes', () => {
    const buffer = new StderrBuffer(10, 8);
    for (let i = 0; i < 10_000; i++) buffer.write('xxxxxxxxxx');
    expect(buffer.tail()).toEqual(['xxxxxxxx']);
    buffer.write('\nafter\n');
    expect(buffer.tail()).toEqual(['xxxxxxxx', 'after']);
  });

  it('stays bounded in total when a chatty server writes a lot', () => {
    const buffer = new StderrBuffer(200, 2000);
    const big = `${'z'.repeat(5000)}\n`.repeat(1000);
    buffer.write(big);
    const tail = buffer.tail();
    expect(tail).toHaveLength(200);
    expect(tail.every((line) => line.length === 2000)).toBe(true);
  });

  it('decodes UTF-8 written in one piece', () => {
    const buffer = new StderrBuffer();
    buffer.write(Buffer.from('ошибка: файл не найден\n'));
    expect(buffer.tail()).toEqual(['ошибка: файл не найден']);
  });

  // Regression test for a fixed bug (electron/runtime/stderr-buffer.ts, write(): `chunk.toString('utf8')`): each Buffer chunk is decoded on
  // its own, so a multi-byte character split across two Docker stderr frames becomes two U+FFFD replacement
  // characters. Docker splits large writes into frames at arbitrary byte offsets. Fix: keep a StringDecoder
  // (node:string_decoder) per buffer and use decoder.write(chunk) for Buffers.
  it('decodes a multi-byte UTF-8 character split across two Buffer chunks', () => {
    const buffer = new StderrBuffer();
    const bytes = Buffer.from('erreur: déjà vu\n');
    const cut = bytes.indexOf(Buffer.from('é')) + 1; // inside the 2-byte 'é'
    buffer.write(bytes.subarray(0, cut));
    buffer.write(bytes.subarray(cut));
    expect(buffer.tail()).toEqual(['erreur: déjà vu']);
  });

  it("writeLine adds our own line whole, never glued onto a server's unterminated line", () => {
    const buffer = new StderrBuffer(3);
    buffer.write('server says: hal');
    buffer.writeLine('[switchyard trace=abc] tools/call echo started');
    buffer.write('f done\n');
    buffer.writeLine('[switchyard trace=abc] tools/call echo ended after 1.0 ms');
    expect(buffer.tail()).toEqual(['[switchyard trace=abc] tools/call echo started', 'f done', '[switchyard trace=abc] tools/call echo ended after 1.0 ms']);
    expect(new StderrBuffer(5, 10).tail()).toEqual([]);
  });

  it('keeps lines redacted, the unterminated last one included', () => {
    const buffer = new StderrBuffer(200, 2000, (line) => line.replaceAll('hunter22', '[redacted:db.password]'));
    buffer.write('PASSWORD=hunter22\nnext: hunter');
    buffer.write('22');
    expect(buffer.tail()).toEqual(['PASSWORD=[redacted:db.password]', 'next: [redacted:db.password]']);
    buffer.writeLine('[switchyard] hunter22');
    expect(buffer.tail()).toEqual(['PASSWORD=[redacted:db.password]', 'next: [redacted:db.password]', '[switchyard] [redacted:db.password]']);
  });
});
