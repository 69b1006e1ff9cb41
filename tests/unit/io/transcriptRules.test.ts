/**
 * The transcript parsers' rules one by one, at the edges the fixtures do not reach: timestamp shapes, tag and
 * reference corner cases, speaker labels, Markdown markup, merging, roll-up repeats, detection and refusals.
 */
import { describe, expect, it } from 'vitest';
import { cuesToTurns, stripSrtTags } from '../../../electron/core/io/transcripts/captions.ts';
import { cueSegments, decodeReferences } from '../../../electron/core/io/transcripts/cueText.ts';
import { detectFormat, parseTranscript, type ParseResult, type Turn } from '../../../electron/core/io/transcripts/index.ts';
import { lastLine, lineAt, quote, squash } from '../../../electron/core/io/transcripts/lines.ts';
import { classifyLine, parsePlain, stripInlineMarkdown } from '../../../electron/core/io/transcripts/plain.ts';
import { captionUtterances, isSpeakerName, mergeTurns, speakerPrefix } from '../../../electron/core/io/transcripts/speakers.ts';
import { looksLikeSrt, readSrtTiming } from '../../../electron/core/io/transcripts/srt.ts';
import { Warnings, type Cue } from '../../../electron/core/io/transcripts/types.ts';
import { looseTimestamp, parseWebVtt } from '../../../electron/core/io/transcripts/vtt.ts';

const turns = (result: ParseResult): Turn[] => {
  if (!result.ok) throw new Error(`refused at line ${result.line}: ${result.message}`);
  return result.turns;
};
const cue = (text: string, start = 1, end = 2, line = 3): Cue => ({ id: '', start, end, text, line });
const t = (speaker: string | null, text: string, start: number | null = null, end: number | null = null): Turn => ({ speaker, start, end, text });

describe('WebVTT timestamps and timing lines', () => {
  const timing = (line: string) => parseWebVtt(`WEBVTT\n\n${line}\nx\n`).cues.map((c) => [c.start, c.end]);
  it('reads the shapes the specification allows', () => {
    expect(timing('59:00.000 --> 59:01.500')).toEqual([[3540, 3541.5]]);
    expect(timing('100:00:00.000 --> 100:00:00.001')).toEqual([[360000, 360000.001]]);
    expect(timing('00:00:00.000-->00:00:01.000')).toEqual([[0, 1]]);
  });
  it('refuses the ones it does not', () => {
    for (const line of [':00:00.000 --> 00:01.000', '00a00.000 --> 00:01.000', '01:00a00.000 --> 01:00:01.000', '00:00a000 --> 00:01.000', '00:60.000 --> 00:61.000', '00:00.000 abc00:01.000 -->', '00:00.000 --> x']) {
      expect(timing(line), line).toEqual([]);
    }
  });
  it('a second timing line right under the first starts a cue of its own', () => {
    const { cues } = parseWebVtt('WEBVTT\n\n00:00.000 --> 00:01.000\n00:01.000 --> 00:02.000\ntext\n');
    expect(cues.map((c) => [c.start, c.text])).toEqual([[0, ''], [1, 'text']]);
  });
  it('NUL becomes U+FFFD in the WebVTT reader itself; an empty first line is named as such', () => {
    expect(parseWebVtt('WEBVTT\n\n00:00.000 --> 00:01.000\nx\u0000y').cues[0]?.text).toBe('x\uFFFDy');
    expect(() => parseWebVtt('\nWEBVTT')).toThrow('Line 1 is empty, but a WebVTT file must start with the word WEBVTT.');
  });
  it('the lenient reader: one or two digits, dot or comma, no fraction; minutes and seconds up to 59', () => {
    expect([looseTimestamp('0:1'), looseTimestamp('0:59'), looseTimestamp('59:0'), looseTimestamp('1:0:0.5'), looseTimestamp('1:02,25')]).toEqual([1, 59, 3540, 3600.5, 62.25]);
    expect([looseTimestamp('0:60'), looseTimestamp('60:0')]).toEqual([null, null]);
    const lenient = parseWebVtt('WEBVTT\n\n0:0:0.0 --> 0:61:0.0\nx\n', { lenient: true });
    expect(lenient.cues).toEqual([]);
    expect(lenient.badTimings).toEqual([{ line: 3, text: '0:0:0.0 --> 0:61:0.0' }]);
  });
  it('one lenient timing line gets a warning of its own, several one together', () => {
    expect(parseTranscript('WEBVTT\n\n0:0:1.0 --> 0:0:2.0\nx\n')).toMatchObject({ ok: true, warnings: ['Line 3: timings not written the WebVTT way (hh:mm:ss.ttt), read anyway.'] });
  });
  it('a warning quotes a long timing line shortened', () => {
    const long = `00:00.000 --> 00:0x.000 ${'y'.repeat(80)}`;
    const result = parseTranscript(`WEBVTT\n\n${long}\nx\n\n00:01.000 --> 00:02.000\nok\n`);
    expect(result).toMatchObject({ ok: true, warnings: [`Line 3: the cue timing “${long.slice(0, 60)}” cannot be read (it should look like 00:01.000 --> 00:04.000); that cue is left out.`] });
  });
});

describe('cue text edges', () => {
  it('references at the edges of Unicode', () => {
    expect(decodeReferences('&#x10FFFF;&#xD7FF;&#xDFFF;&#xE000;')).toBe('\u{10FFFF}\uD7FF\uFFFD\uE000');
  });
  it('a voice name is trimmed and its whitespace collapsed', () => {
    expect(cueSegments('<v   Ann \t Lee  >hi')).toEqual([{ voice: 'Ann Lee', text: 'hi' }]);
  });
  it('<rt> outside <ruby> is no element, so </v> still closes the voice; </ruby> closes an open <rt>', () => {
    expect(cueSegments('<v A><rt>x</v>y')).toEqual([{ voice: 'A', text: 'x' }, { voice: null, text: 'y' }]);
    expect(cueSegments('<v A><ruby>a<rt>b</ruby>c</v>d')).toEqual([{ voice: 'A', text: 'abc' }, { voice: null, text: 'd' }]);
    expect(cueSegments('<v A><ruby>a<rt>b</i>c</v>d')).toEqual([{ voice: 'A', text: 'abcd' }]);
  });
  it('an end tag that closes nothing changes nothing; a voice tag inside a class tag keeps it', () => {
    expect(cueSegments('<v A>a</i>b</v>c')).toEqual([{ voice: 'A', text: 'ab' }, { voice: null, text: 'c' }]);
    expect(cueSegments('<v A><c>a</c>b')).toEqual([{ voice: 'A', text: 'ab' }]);
    expect(cueSegments('<c><v A>a</v>b</c>')).toEqual([{ voice: 'A', text: 'a' }, { voice: null, text: 'b' }]);
  });
  it('SRT markup out, everything else kept', () => {
    expect(stripSrtTags('<I>a</I> <font color="red">b</font>{\\an8}{\\i1}c <x>d</x> 2 < 3 <b>')).toBe('a bc <x>d</x> 2 < 3 ');
  });
});

describe('speakers', () => {
  it('labels', () => {
    expect(speakerPrefix('Jane: hi there ')).toEqual({ name: 'Jane', rest: 'hi there' });
    expect(speakerPrefix('Jane :  hi')).toEqual({ name: 'Jane', rest: 'hi' });
    expect(speakerPrefix('Jane:')).toEqual({ name: 'Jane', rest: '' });
    expect(speakerPrefix('Jane:hi')).toBeNull();
    expect(speakerPrefix('x Jane: hi')).toBeNull();
    expect(speakerPrefix('[ Jane ] hi ')).toEqual({ name: 'Jane', rest: 'hi' });
    expect(speakerPrefix('[Jane]: hi')).toEqual({ name: 'Jane', rest: 'hi' });
    expect(speakerPrefix('[Jane]')).toEqual({ name: 'Jane', rest: '' });
    expect(speakerPrefix('[Jane]hi')).toBeNull();
    expect(speakerPrefix('[Jane] : hi')).toEqual({ name: 'Jane', rest: 'hi' });
    expect(speakerPrefix('a [Jane] hi')).toBeNull();
    expect(speakerPrefix('[laughs] ok')).toBeNull();
  });
  it('names: length, words, particles, scripts', () => {
    expect(isSpeakerName('A'.repeat(40))).toBe(true);
    expect(isSpeakerName('One Two Three Four')).toBe(true);
    expect(isSpeakerName('Jane ')).toBe(false);
    expect(isSpeakerName('van Gogh')).toBe(false);
    expect(isSpeakerName('Speaker\t2')).toBe(true);
    expect(isSpeakerName('Jane 2nd')).toBe(true);
    expect(isSpeakerName('Élodie')).toBe(true);
    expect(isSpeakerName('ÉLODIE de la Tour')).toBe(true);
    expect(isSpeakerName('Ann ann')).toBe(false);
  });
  it('caption utterances: dashes, continuation, a lone bracket, a label alone', () => {
    expect(captionUtterances(['  ', ' - Hi ', 'there', '-Yes', '—No', '-5 degrees', '--- '])).toEqual([
      { speaker: null, text: 'Hi there' },
      { speaker: null, text: 'Yes' },
      { speaker: null, text: 'No -5 degrees ---' },
    ]);
    expect(captionUtterances(['[Music]'])).toEqual([{ speaker: null, text: '[Music]' }]);
    expect(captionUtterances(['[Alba]'])).toEqual([{ speaker: null, text: '[Alba]' }]);
    expect(captionUtterances(['[Alba]', 'hola'])).toEqual([{ speaker: 'Alba', text: 'hola' }]);
    expect(captionUtterances(['JOHN:'])).toEqual([{ speaker: 'JOHN', text: '' }]);
    expect(captionUtterances(['- '])).toEqual([{ speaker: null, text: '-' }]);
  });
  it('merging: named speakers only, texts joined, start of the first and end of the last', () => {
    expect(mergeTurns([t('A', 'one', 1, 2), t('A', 'two', 3, 4), t(null, 'x', 5, 6), t(null, 'y', 7, 8), t('A', '', 9, 10), t('A', 'z', null, null)], ' / ')).toEqual([
      t('A', 'one / two', 1, 4),
      t(null, 'x', 5, 6),
      t(null, 'y', 7, 8),
      t('A', 'z', 9, 10),
    ]);
    expect(mergeTurns([t('A', '', null, 2), t('A', 'b', 1, 3)], ' ')).toEqual([t('A', 'b', 1, 3)]);
    expect(mergeTurns([t('A', 'a', 5, 6), t('A', 'b', 1, 2)], ' ')).toEqual([t('A', 'a b', 5, null)]);
    expect(mergeTurns([t('A', 'a', 5, 5), t('A', 'b', 1, 5)], ' ')).toEqual([t('A', 'a b', 5, 5)]);
    expect(mergeTurns([t('A', 'a', null, 6), t('A', 'b', null, 2)], ' ')).toEqual([t('A', 'a b', null, 2)]);
    expect(mergeTurns([t(null, '', 1, 2)], ' ')).toEqual([]);
  });
});

describe('captions to turns', () => {
  it('roll-up repeats in SRT as in WebVTT; a repeat stretches the turn before', () => {
    const w = new Warnings();
    const cues = [cue('one', 1, 2), cue('one\n\ntwo', 2, 3), cue('one\n\ntwo', 3, 5), cue('<i>two</i>\nthree', 5, 6), cue('four', 6, 7)];
    expect(cuesToTurns(cues, 'srt', w)).toEqual([t(null, 'one', 1, 2), t(null, 'two', 2, 5), t(null, 'three', 5, 6), t(null, 'four', 6, 7)]);
    expect(w.done()).toEqual([]);
  });
  it('a repeat never moves an end backwards or before the start', () => {
    const w = new Warnings();
    expect(cuesToTurns([cue('a', 5, 9), cue('a', 6, 7), cue('a', 1, 2)], 'srt', w)).toEqual([t(null, 'a', 5, 9)]);
    expect(cuesToTurns([cue('a', 5, 9), cue('a', 8, 3)], 'srt', w)).toEqual([t(null, 'a', 5, 9)]);
    expect(cuesToTurns([cue('a', 5, 4), cue('a', 6, 8)], 'srt', w)).toEqual([t(null, 'a', 5, 8)]);
    expect(cuesToTurns([cue('a', 5, 9), cue('a', 6, 9)], 'srt', w)).toEqual([t(null, 'a', 5, 9)]);
  });
  it('a cue with voices is never taken for a repeat; a voiced cue then a plain one starts afresh', () => {
    const w = new Warnings();
    expect(cuesToTurns([cue('<v A>hi'), cue('<v B>hi'), cue('hi'), cue('hi\nmore')], 'vtt', w)).toEqual([t('A', 'hi', 1, 2), t('B', 'hi', 1, 2), t(null, 'hi', 1, 2), t(null, 'more', 1, 2)]);
    expect(cuesToTurns([cue('x <v A>hi</v>'), cue('x <v A>hi</v>')], 'vtt', w)).toEqual([t(null, 'x', 1, 2), t('A', 'hi', 1, 2), t(null, 'x', 1, 2), t('A', 'hi', 1, 2)]);
  });
  it('a single-line cue equal to the last line before is kept (only whole repeats and first lines are dropped)', () => {
    const w = new Warnings();
    expect(cuesToTurns([cue('a\nb'), cue('b')], 'srt', w)).toEqual([t(null, 'a b', 1, 2), t(null, 'b', 1, 2)]);
    expect(cuesToTurns([cue(''), cue('a')], 'srt', w)).toEqual([t(null, 'a', 1, 2)]);
  });
  it('an end equal to the start is no warning', () => {
    const w = new Warnings();
    cuesToTurns([cue('a', 2, 2)], 'vtt', w);
    expect(w.done()).toEqual([]);
  });
});

describe('plain text and Markdown edges', () => {
  it('line kinds', () => {
    expect(classifyLine('**Jane:**')).toEqual({ kind: 'header', speaker: 'Jane', start: null });
    expect(classifyLine('**Jane:**   hi  ')).toEqual({ kind: 'turn', speaker: 'Jane', start: null, text: 'hi' });
    expect(classifyLine('x **Jane:** hi')).toMatchObject({ kind: 'text' });
    expect(classifyLine('**the plan:** hi')).toMatchObject({ kind: 'text' });
    expect(classifyLine('[00:01]')).toEqual({ kind: 'header', speaker: null, start: 1 });
    expect(classifyLine('00:01  ')).toEqual({ kind: 'header', speaker: null, start: 1 });
    expect(classifyLine('[00:01] Jane:')).toEqual({ kind: 'header', speaker: 'Jane', start: 1 });
    expect(classifyLine('[00:61] hi')).toMatchObject({ kind: 'text' });
    expect(classifyLine('(1:00:00) Jane:  hi ')).toEqual({ kind: 'turn', speaker: 'Jane', start: 3600, text: 'hi' });
    expect(classifyLine(' Jane  (00:10) ')).toEqual({ kind: 'header', speaker: 'Jane', start: 10 });
    expect(classifyLine('Jane (00:10)')).toEqual({ kind: 'header', speaker: 'Jane', start: 10 });
    expect(classifyLine('Jane (00:10):   hi ')).toEqual({ kind: 'turn', speaker: 'Jane', start: 10, text: 'hi' });
    expect(classifyLine('the end 00:10')).toMatchObject({ kind: 'text' });
    expect(classifyLine('Jane 00:70')).toMatchObject({ kind: 'text' });
    expect(classifyLine('Jane:  ')).toEqual({ kind: 'header', speaker: 'Jane', start: null });
    expect(classifyLine('plain')).toEqual({ kind: 'text', text: 'plain' });
  });
  it('inline Markdown', () => {
    expect(stripInlineMarkdown('**a b** __c__ *d* _e_ `f g` [h](u) ![i](v) ``')).toBe('a b c d e f g h i ');
    expect(stripInlineMarkdown('** a** *b * 2*3*4 snake_case_name _x_y a_b_ *')).toBe('** a** *b * 2*3*4 snake_case_name _x_y a_b_ *');
    expect(stripInlineMarkdown('**x**y __a__b')).toBe('xy ab');
  });
  it('block Markdown: rules, headings with closing marks, quotes, numbered lists', () => {
    expect(parsePlain('- - -\n***\n_ _ _\n# Title ##\n> > quoted\n12. twelve\n1) one\n-not a list\n', true)).toEqual([
      t(null, 'Title'),
      t(null, 'quoted\ntwelve\none\n-not a list'),
    ]);
    expect(parsePlain('a\n--\nb\n**\n', true)).toEqual([t(null, 'a\n--\nb\n**')]);
    expect(parsePlain('####### seven\n#no\n', true)).toEqual([t(null, '####### seven\n#no')]);
    expect(parsePlain('# Title\nbody\n', false)).toEqual([t(null, '# Title\nbody')]);
  });
  it('a heading ends the paragraph before and after it; an empty line after markup is skipped', () => {
    expect(parsePlain('Jane: hi\n## Part two\nmore\n**\u200B**\n', true)).toEqual([t('Jane', 'hi'), t(null, 'Part two'), t(null, 'more\n\u200B')]);
    expect(parsePlain('Jane: hi\n``\nstill Jane\n', true)).toEqual([t('Jane', 'hi\nstill Jane')]);
  });
  it('indented lines and headers kept across blank lines', () => {
    expect(parsePlain('   Jane:  hi\n\n00:05\n\nBob\n\n  text\n', false)).toEqual([t('Jane', 'hi'), t(null, 'Bob', 5), t(null, 'text')]);
    expect(parsePlain('Jane:\n\n[00:05]\n\nhello\n', false)).toEqual([t('Jane', 'hello', 5)]);
    expect(parsePlain('[00:05]\nJane:\nhello\n', false)).toEqual([t('Jane', 'hello', 5)]);
    expect(parsePlain('Jane (00:05)\n[Bob] 00:07\nhello\n', false)).toEqual([t('Bob', 'hello', 7)]);
    expect(parsePlain('[00:05]\nJane: hi\nBob: yo\n', false)).toEqual([t('Jane', 'hi', 5), t('Bob', 'yo')]);
  });
});

describe('lines, detection and refusals', () => {
  it('line helpers', () => {
    expect([lastLine(''), lastLine('a'), lastLine('a\n'), lastLine('a\n\n'), lastLine('\n')]).toEqual([1, 1, 1, 2, 1]);
    expect([lineAt('a\nb\r\nc\rd', 0), lineAt('a\nb\r\nc\rd', 2), lineAt('a\nb\r\nc\rd', 5), lineAt('a\nb\r\nc\rd', 7)]).toEqual([1, 2, 3, 4]);
    expect(squash('  a \t\n b\u00A0c  ')).toBe('a b\u00A0c');
    expect(quote('x'.repeat(60))).toBe(`“${'x'.repeat(60)}”`);
    expect(quote('x'.repeat(61))).toBe(`“${'x'.repeat(57)}…”`);
  });
  it('SRT sniffing and timing lines', () => {
    expect(looksLikeSrt('   \n\t\n 12 \n00:00:01,000 --> 00:00:02,000\n')).toBe(true);
    expect(looksLikeSrt('12\nhello\n')).toBe(false);
    expect(looksLikeSrt('12')).toBe(false);
    expect(looksLikeSrt('  \n ')).toBe(false);
    expect(looksLikeSrt('x\n00:00:01,000 --> 00:00:02,000')).toBe(false);
    expect(readSrtTiming('01:02:03,5 --> 01:02:04')).toEqual({ start: 3723.5, end: 3724 });
    expect(readSrtTiming('00:59:59,999 --> 00:60:00,000')).toBeNull();
    expect(readSrtTiming('00:00:60,000 --> 00:01:00,000')).toBeNull();
    expect(readSrtTiming('00:00:01,000 --> 00:00:02,000x')).toBeNull();
  });
  it('an SRT index is trimmed into the id; an index with no timing under it is text', () => {
    const r = parseTranscript(' 3 \n00:00:01,000 --> 00:00:02,000\n7\n\n4\nhello\n', { fileName: 'x.srt' });
    expect(turns(r)).toEqual([t(null, '7 4 hello', 1, 2)]);
  });
  it('the file name decides between .srt and its content; an unknown extension falls back on the content', () => {
    expect(detectFormat('WEBVTT\n', { fileName: 'a.srt' })).toBe('srt');
    expect(detectFormat('WEBVTT\n', { fileName: 'a.vtt.bak' })).toBe('vtt');
    expect(detectFormat('x', { fileName: 'a.srt.txt' })).toBe('text');
    expect(detectFormat('x', { fileName: 'my.srt notes' })).toBe('text');
    expect(detectFormat('x', { fileName: 'a.constructor' })).toBe('text');
    expect(detectFormat('intro\n# Title')).toBe('markdown');
    expect(detectFormat('intro #1 and **x')).toBe('text');
    expect(detectFormat('a ** b **')).toBe('text');
  });
  it('the formats read as what they are', () => {
    expect(parseTranscript('1\n00:00:01,000 --> 00:00:02,000\nhi\n', { fileName: 'a.txt' })).toMatchObject({ ok: true, format: 'srt' });
    expect(parseTranscript('# T\n**x**', { fileName: 'a.md' })).toEqual({ ok: true, format: 'markdown', turns: [t(null, 'T'), t(null, 'x')], warnings: [] });
    expect(parseTranscript('# T\n**x**', { fileName: 'a.txt' })).toEqual({ ok: true, format: 'text', turns: [t(null, '# T\n**x**')], warnings: [] });
  });
  it('binary detection: a NUL at the very start, odd characters at the edges of the sample, tabs and line breaks are text', () => {
    expect(parseTranscript('\u0000')).toMatchObject({ ok: false, line: 1 });
    expect(parseTranscript('\t\n\u000B\f\r'.repeat(50) + 'Jane: x')).toMatchObject({ ok: true });
    for (const odd of ['\u0001', '\u0008', '\u000E', '\u001F', '\u007F', '\uFFFD']) {
      expect(parseTranscript(`ab\n${odd.repeat(10)}`), JSON.stringify(odd)).toMatchObject({ ok: false, line: 2 });
    }
    expect(parseTranscript(`${'a'.repeat(9)}\u0001`)).toMatchObject({ ok: true });
    expect(parseTranscript(`${'a'.repeat(8)}\u0001\u0001`)).toMatchObject({ ok: false, line: 1 });
    expect(parseTranscript(`${'a'.repeat(70_000)}${'\u0001'.repeat(10_000)}`)).toMatchObject({ ok: true });
    expect(parseTranscript(` \u0001${'a'.repeat(8)}\n`)).toMatchObject({ ok: true });
  });
});
