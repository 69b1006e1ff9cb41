import { describe, expect, it } from 'vitest';
import { decodeText, replacementCount } from '../../../renderer/src/research/interviews/decodeText.ts';
import { formatTime, pieces, selectionRange, speakersOf, spokenTime } from '../../../renderer/src/research/interviews/transcriptText.ts';
import { sentimentName, sentimentNumber, SENTIMENT_VALUES } from '../../../renderer/src/research/common/sentiment.ts';
import { snippetParts } from '../../../renderer/src/research/common/snippet.ts';
import { tagOptions } from '../../../renderer/src/research/common/tagOptions.ts';

describe('times in a transcript', () => {
  it('writes m:ss under an hour and h:mm:ss from an hour on, dropping fractions', () => {
    expect(formatTime(0)).toBe('0:00');
    expect(formatTime(5.9)).toBe('0:05');
    expect(formatTime(65)).toBe('1:05');
    expect(formatTime(599)).toBe('9:59');
    expect(formatTime(3599.99)).toBe('59:59');
    expect(formatTime(3600)).toBe('1:00:00');
    expect(formatTime(3 * 3600 + 7 * 60 + 9)).toBe('3:07:09');
    expect(formatTime(-4)).toBe('0:00');
  });

  it('says times in words for screen readers', () => {
    expect(spokenTime(0)).toBe('0 seconds');
    expect(spokenTime(1)).toBe('1 second');
    expect(spokenTime(65)).toBe('1 minute 5 seconds');
    expect(spokenTime(7200)).toBe('2 hours');
    expect(spokenTime(3661)).toBe('1 hour 1 minute 1 second');
  });
});

describe('pieces of a turn where quotes begin and end', () => {
  it('a turn without quotes is one plain piece; an empty range has none', () => {
    expect(pieces(10, 20, [])).toEqual([{ from: 10, to: 20, quoteIds: [] }]);
    expect(pieces(10, 10, [{ id: 'q', start: 10, end: 12 }])).toEqual([]);
  });

  it('cuts around a quote inside the turn, and clips quotes that run over its edges', () => {
    expect(pieces(0, 10, [{ id: 'a', start: 2, end: 5 }])).toEqual([
      { from: 0, to: 2, quoteIds: [] },
      { from: 2, to: 5, quoteIds: ['a'] },
      { from: 5, to: 10, quoteIds: [] },
    ]);
    // A quote over two turns: each turn highlights its own part of it.
    expect(pieces(0, 10, [{ id: 'a', start: 6, end: 30 }])).toEqual([
      { from: 0, to: 6, quoteIds: [] },
      { from: 6, to: 10, quoteIds: ['a'] },
    ]);
    expect(pieces(12, 20, [{ id: 'a', start: 6, end: 14 }])).toEqual([
      { from: 12, to: 14, quoteIds: ['a'] },
      { from: 14, to: 20, quoteIds: [] },
    ]);
  });

  it('names every quote of an overlap, and ignores quotes elsewhere or empty', () => {
    const q = [
      { id: 'a', start: 0, end: 6 },
      { id: 'b', start: 4, end: 8 },
      { id: 'far', start: 40, end: 50 },
      { id: 'empty', start: 3, end: 3 },
    ];
    expect(pieces(0, 10, q)).toEqual([
      { from: 0, to: 4, quoteIds: ['a'] },
      { from: 4, to: 6, quoteIds: ['a', 'b'] },
      { from: 6, to: 8, quoteIds: ['b'] },
      { from: 8, to: 10, quoteIds: [] },
    ]);
    // A quote that ends where the turn starts touches no character of it.
    expect(pieces(6, 9, [{ id: 'a', start: 0, end: 6 }])).toEqual([{ from: 6, to: 9, quoteIds: [] }]);
  });
});

describe('a selection as body offsets', () => {
  const body = 'Hello there.\n\n  I waited a week.  ';
  it('orders the ends and leaves out spaces at either end', () => {
    expect(selectionRange(body, 0, 5)).toEqual({ start: 0, end: 5 });
    expect(selectionRange(body, 5, 0)).toEqual({ start: 0, end: 5 });
    expect(selectionRange(body, 12, 24)).toEqual({ start: 16, end: 24 });
    expect(body.slice(16, 24)).toBe('I waited');
  });

  it('is null for spaces only or nothing, and keeps to the body', () => {
    expect(selectionRange(body, 12, 16)).toBeNull();
    expect(selectionRange(body, 3, 3)).toBeNull();
    expect(selectionRange(body, -5, 5)).toEqual({ start: 0, end: 5 });
    expect(selectionRange(body, 30, 999)).toEqual({ start: 30, end: 32 });
  });
});

describe('speakers of a transcript', () => {
  it('lists each once, in the order they first speak, without unnamed turns', () => {
    expect(speakersOf([{ speaker: 'Ana' }, { speaker: null }, { speaker: 'Ben' }, { speaker: 'Ana' }])).toEqual(['Ana', 'Ben']);
  });
});

describe('decoding a transcript file', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  const utf8 = (s: string) => new TextEncoder().encode(s);

  it('reads UTF-8, with or without its byte-order mark', () => {
    expect(decodeText(utf8('Zoë: café'))).toEqual({ text: 'Zoë: café', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('WEBVTT')]))).toEqual({ text: 'WEBVTT', encoding: 'utf-8' });
  });

  it('reads UTF-16 by its byte-order mark, and without one by its zero bytes', () => {
    expect(decodeText(bytes(0xff, 0xfe, 0x48, 0, 0x69, 0))).toEqual({ text: 'Hi', encoding: 'utf-16le' });
    expect(decodeText(bytes(0xfe, 0xff, 0, 0x48, 0, 0x69))).toEqual({ text: 'Hi', encoding: 'utf-16be' });
    expect(decodeText(bytes(0x57, 0, 0x45, 0, 0x42, 0, 0x56, 0))).toEqual({ text: 'WEBV', encoding: 'utf-16le' });
    expect(decodeText(bytes(0, 0x57, 0, 0x45, 0, 0x42, 0, 0x56))).toEqual({ text: 'WEBV', encoding: 'utf-16be' });
  });

  it('reads bytes that are not UTF-8 as Windows-1252', () => {
    // "Café – “ok”" as Windows-1252 writes it.
    const cp1252 = bytes(0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x93, 0x6f, 0x6b, 0x94);
    expect(decodeText(cp1252)).toEqual({ text: 'Café – “ok”', encoding: 'windows-1252' });
  });

  it('keeps UTF-8 whose replacement characters are written in the file', () => {
    expect(decodeText(utf8('broken \uFFFD char'))).toEqual({ text: 'broken \uFFFD char', encoding: 'utf-8' });
    expect(replacementCount('a\uFFFDb\uFFFD')).toBe(2);
  });
});

describe('sentiment in words', () => {
  it('names each value of the scale with a true minus sign', () => {
    expect(SENTIMENT_VALUES).toEqual([-2, -1, 0, 1, 2]);
    expect(sentimentNumber(-1)).toBe('−1');
    expect(sentimentNumber(2)).toBe('+2');
    expect(sentimentName(-1)).toBe('Sentiment −1, negative');
    expect(sentimentName(0)).toBe('Sentiment 0, neutral');
    expect(sentimentName(2)).toBe('Sentiment +2, very positive');
    expect(sentimentName(null)).toBe('No sentiment');
  });
});

describe('search snippets', () => {
  it('splits at the marks, in order, dropping empty parts', () => {
    expect(snippetParts('…the \uE000refund\uE001 took \uE000weeks\uE001')).toEqual([
      { text: '…the ', marked: false },
      { text: 'refund', marked: true },
      { text: ' took ', marked: false },
      { text: 'weeks', marked: true },
    ]);
    expect(snippetParts('plain')).toEqual([{ text: 'plain', marked: false }]);
    expect(snippetParts('\uE000\uE001')).toEqual([]);
  });
});

describe('what the tag combobox offers', () => {
  const tags = [
    { id: 't1', name: 'Pricing' },
    { id: 't2', name: 'Delivery fee' },
    { id: 't3', name: 'Fees hidden' },
    { id: 't4', name: 'Search' },
  ];
  it('offers matching tags, those starting with the words first, leaving out the chosen ones', () => {
    expect(tagOptions(tags, [], 'fee').map((o) => (o.kind === 'tag' ? o.tag.name : `+${o.name}`))).toEqual(['Fees hidden', 'Delivery fee', '+fee']);
    expect(tagOptions(tags, ['t3'], 'fee').map((o) => (o.kind === 'tag' ? o.tag.name : `+${o.name}`))).toEqual(['Delivery fee', '+fee']);
  });

  it('offers to make a tag only when none has exactly that name (in any case), and nothing for no words but the list', () => {
    expect(tagOptions(tags, [], '  pricing ')).toEqual([{ kind: 'tag', tag: { id: 't1', name: 'Pricing' } }]);
    // Already on the quote: neither offered again nor made a second time.
    expect(tagOptions(tags, ['t1'], 'Pricing')).toEqual([]);
    expect(tagOptions(tags, [], '  Late parcel ')).toEqual([{ kind: 'create', name: 'Late parcel' }]);
    expect(tagOptions(tags, [], '').map((o) => o.kind)).toEqual(['tag', 'tag', 'tag', 'tag']);
    expect(tagOptions(tags, [], '', 2)).toHaveLength(2);
  });
});
