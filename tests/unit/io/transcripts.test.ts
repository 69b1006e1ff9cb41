/**
 * The transcript parsers, held to files other tools wrote (tests/fixtures/transcripts, origins in its README):
 * the W3C web-platform-tests WebVTT parsing cases, webvtt-py's fixtures from Teams, YouTube, Netflix, and Zoom's
 * saved transcript; plus the refusals a person sees, with their line numbers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeReferences, cueSegments } from '../../../electron/core/io/transcripts/cueText.ts';
import { detectFormat, MAX_TEXT_LENGTH, parseTranscript, type ParseResult, type Turn } from '../../../electron/core/io/transcripts/index.ts';
import { isSpeakerName } from '../../../electron/core/io/transcripts/speakers.ts';
import { parseWebVtt } from '../../../electron/core/io/transcripts/vtt.ts';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures/transcripts');
const read = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

function ok(result: ParseResult): { format: string; turns: Turn[]; warnings: string[] } {
  if (!result.ok) throw new Error(`refused at line ${result.line}: ${result.message}`);
  return result;
}
function refused(result: ParseResult): { line: number; message: string } {
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.turns).slice(0, 200)}`);
  return result;
}
const parseFixture = (name: string) => ok(parseTranscript(read(name), { fileName: name }));
const speakers = (turns: Turn[]) => [...new Set(turns.map((t) => t.speaker))];

/** Python's unicode_escape, which the WPT build script applies to the WebVTT part of each .test file. */
function unicodeEscape(text: string): string {
  return text.replace(/\\(\n|\\|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[0-7]{1,3}|[nrtfvab"'])/g, (_, e: string) => {
    if (e === '\n') return '';
    if (e.startsWith('x') || e.startsWith('u')) return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(Number.parseInt(e, 8));
    return ({ n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', a: '\u0007', b: '\b' } as Record<string, string>)[e] ?? e;
  });
}

/** A WPT .test file: the WebVTT source and the simple assertions on cues (length, id, text, startTime, endTime). */
function wptCase(name: string): { vtt: string; checks: { index: number | null; field: string; value: unknown }[] } {
  const source = read(`wpt/${name}.test`);
  const [js = '', vtt = ''] = (source.split('\n\n').slice(1).join('\n\n')).split('===\n');
  const checks: { index: number | null; field: string; value: unknown }[] = [];
  let current: number | null = null;
  for (const line of js.split('\n')) {
    const bind = /var cue = cues\[(\d+)\]/.exec(line);
    if (bind !== null) current = Number(bind[1]);
    const m = /assert_equals\((cues\[(\d+)\]|cue|cues)\.(length|id|text|startTime|endTime), ("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|-?[\d.]+)[,)]/.exec(line);
    if (m === null) continue;
    const literal = m[4] as string;
    const value = literal.startsWith("'") ? (JSON.parse(`"${literal.slice(1, -1).replace(/"/g, '\\"')}"`) as unknown) : (JSON.parse(literal) as unknown);
    if (m[1] === 'cue' && current === null) continue; // inside a forEach: checked by hand below
    checks.push({ index: m[1] === 'cues' ? null : m[1] === 'cue' ? current : Number(m[2]), field: m[3] as string, value });
  }
  return { vtt: unicodeEscape(vtt), checks };
}

describe('WebVTT by the specification (W3C web-platform-tests, webvtt/parsing/file-parsing)', () => {
  const strictCases = ['arrows', 'ids', 'timings-omitted-hours', 'timings-too-short', 'timings-too-long', 'timings-negative', 'whitespace-chars', 'signature-no-newline', 'settings-multiple', 'regions-old'];
  for (const name of strictCases) {
    it(`${name}: the cues the test expects`, () => {
      const { vtt, checks } = wptCase(name);
      const { cues } = parseWebVtt(vtt);
      expect(checks.length).toBeGreaterThan(0);
      for (const { index, field, value } of checks) {
        if (index === null) expect(cues.length, `${name}: cues.length`).toBe(value);
        else {
          const cue = cues[index];
          const actual = field === 'startTime' ? cue?.start : field === 'endTime' ? cue?.end : field === 'id' ? cue?.id : cue?.text;
          expect(actual, `${name}: cues[${index}].${field}`).toBe(value);
        }
      }
    });
  }

  it('timings: omitted hours, negative durations and the all-invalid timestamp shapes', () => {
    const hours = parseWebVtt(wptCase('timings-omitted-hours').vtt).cues;
    expect(hours.map((c) => [c.text, c.start, c.end])).toEqual([['text1', 0, 1], ['text2', 0, 1], ['text3', 0, 1]]);
    const negative = parseWebVtt(wptCase('timings-negative').vtt).cues;
    expect(negative.map((c) => [c.start, c.end])).toEqual([[0, 0], [1, 0.999], [60, 59.999], [3600, 3599.999]]);
    const short = parseWebVtt(wptCase('timings-too-short').vtt);
    expect(short.badTimings).toHaveLength(30);
    expect(short.badTimings[0]).toEqual({ line: 6, text: '0000:00.000 --> 00:00:01.000' });
  });

  it('newlines: CR, LF and CRLF each end a line; four cues, read as the algorithm (and WPT tools/parser.py) reads them', () => {
    const { cues } = parseWebVtt(wptCase('newlines').vtt);
    expect(cues).toHaveLength(4);
    // The test's own expectations for the ids disagree with the algorithm: with no blank line before them, "lf",
    // "crlf" and "lfcr" are cue text of the cue above (a timing line then ends that block), and "\n\r" is two
    // line breaks. The translation of the algorithm in WPT's tools/parser.py gives exactly this.
    expect(cues.map((c) => [c.id, c.text])).toEqual([['cr', 'text1\nlf'], ['', 'text2\ncrlf'], ['', 'text3\nlfcr'], ['', '']]);
  });

  it('stylesheets and comments: STYLE and NOTE blocks are no cues, also after the first cue', () => {
    const { cues } = parseWebVtt(wptCase('stylesheets-newlines').vtt);
    expect(cues.map((c) => [c.id, c.text])).toEqual([['foo', 'text'], ['bar', 'text']]);
  });

  it('the signature: WEBVTT alone, or followed by a space or tab and text; a BOM before it is allowed', () => {
    for (const good of ['WEBVTT', 'WEBVTT\n', 'WEBVTT - title\n', 'WEBVTT\tx\n', '\uFEFFWEBVTT\n']) expect(() => parseWebVtt(good)).not.toThrow();
    for (const bad of ['WEBVTTX\n', 'webvtt\n', ' WEBVTT\n', '\n', 'WEBVT']) expect(() => parseWebVtt(bad)).toThrow(/must start with the word WEBVTT/);
  });

  it('a header may run into the first cue when a timing line comes before a blank line', () => {
    expect(parseWebVtt('WEBVTT\nKind: captions\n00:01.000 --> 00:02.000\nhi').cues).toMatchObject([{ start: 1, end: 2, text: 'hi', line: 3 }]);
    expect(parseWebVtt('WEBVTT\n00:01.000 --> 00:02.000\nhi').cues).toMatchObject([{ start: 1, text: 'hi', line: 2 }]);
  });

  it('strict timestamps refuse what the lenient reader takes', () => {
    const teams = 'WEBVTT\n\n0:0:0.0 --> 0:0:0.570\nx\n\n00:00:01,500 --> 00:00:02\ny\n\n00:61.000 --> 01:00.000\nz\n';
    expect(parseWebVtt(teams).cues).toHaveLength(0);
    const lenient = parseWebVtt(teams, { lenient: true });
    expect(lenient.cues.map((c) => [c.start, c.end, c.text])).toEqual([[0, 0.57, 'x'], [1.5, 2, 'y']]);
    expect(lenient.lenientLines).toEqual([3, 6]);
    expect(lenient.badTimings).toEqual([{ line: 9, text: '00:61.000 --> 01:00.000' }]);
  });
});

describe('WebVTT cue text', () => {
  it('voices give the speaker, also several in one cue, with classes and without closing tags', () => {
    expect(cueSegments('<v.loud.x Jane  Doe>Hi</v> <v Bob>there')).toEqual([{ voice: 'Jane Doe', text: 'Hi' }, { voice: null, text: ' ' }, { voice: 'Bob', text: 'there' }]);
    expect(cueSegments('<v A>one <v B>two</v> three</v>')).toEqual([{ voice: 'A', text: 'one ' }, { voice: 'B', text: 'two' }, { voice: 'A', text: ' three' }]);
    expect(cueSegments('<v>no name</v>')).toEqual([{ voice: null, text: 'no name' }]);
    expect(cueSegments('<v Ann &amp; Co>x')).toEqual([{ voice: 'Ann & Co', text: 'x' }]);
  });

  it('styling tags are stripped and their text kept; unknown tags dropped; an open tag runs to the end', () => {
    expect(cueSegments('<c.yellow>a</c><i>b</i><b>c</b><u>d</u><lang en>e</lang><ruby>f<rt>g</rt></ruby><00:01.000>h<foo>i</foo>')).toEqual([{ voice: null, text: 'abcdefghi' }]);
    expect(cueSegments('a <b')).toEqual([{ voice: null, text: 'a ' }]);
    expect(cueSegments('<rt>x</rt>y')).toEqual([{ voice: null, text: 'xy' }]);
    expect(cueSegments('<ruby>a<rt>b</ruby>c')).toEqual([{ voice: null, text: 'abc' }]);
  });

  it('character references: the named ones, numeric ones, and anything else left as written', () => {
    expect(decodeReferences('&amp;&lt;&gt;&nbsp;&lrm;&rlm;&quot;&apos;')).toBe('&<>\u00A0\u200E\u200F"\'');
    expect(decodeReferences('&#65;&#x42;&#X43;&#0;&#xD800;&#1114112;')).toBe('ABC\uFFFD\uFFFD\uFFFD');
    expect(decodeReferences('&amp &lt &gt; &lrm &copy; & x &AMP; &constructor;')).toBe('& < > &lrm &copy; & x &AMP; &constructor;');
    expect(decodeReferences('a&b')).toBe('a&b');
  });
});

describe('files written by other tools', () => {
  it('Microsoft Teams (webvtt-py teams_timeframe.vtt): voices, and its 0:0:0.0 timings read with a warning', () => {
    const { format, turns, warnings } = parseFixture('webvtt-py-teams_timeframe.vtt');
    expect(format).toBe('vtt');
    expect(turns).toEqual([
      { speaker: 'Yuri Bakulin', start: 0, end: 0.57, text: 'There you go.' },
      { speaker: 'Adrian Petrescu', start: 0.21, end: 1.13, text: 'Why hello there, Yuri.' },
    ]);
    expect(warnings).toEqual(['Line 3 and 1 more: timings not written the WebVTT way (hh:mm:ss.ttt), read anyway.']);
  });

  it('YouTube auto-captions via youtube-dl: header metadata, cue settings, inline timestamps, roll-up repeats dropped', () => {
    const { turns, warnings } = parseFixture('webvtt-py-youtube_dl.vtt');
    expect(turns).toEqual([
      { speaker: null, start: 286.07, end: 286.47, text: 'yeah' },
      { speaker: null, start: 286.47, end: 304.08, text: 'what' },
      { speaker: null, start: 304.08, end: 305.4, text: "this will happen is I'm telling" },
    ]);
    expect(warnings).toEqual([]);
  });

  it('Netflix (webvtt-py netflix_chicas_del_cable.vtt, trimmed): NOTE blocks, settings, [Name] labels, dialogue dashes', () => {
    const { turns } = parseFixture('webvtt-py-netflix_chicas_del_cable.vtt');
    expect(turns).toHaveLength(11);
    expect(speakers(turns)).toEqual(['Alba', null, 'Pedro', 'Beltrán', 'Sara']);
    expect(turns[0]).toEqual({ speaker: 'Alba', start: 7.96, end: 9.48, text: 'En 1928,' });
    expect(turns[1]?.text).toBe('las mujeres éramos algo así como adornos');
    expect(turns.slice(3, 6).map((t) => t.text)).toEqual(['Déjala.', 'Tú no te metas. ¡No te metas!', '[ríen emocionadas]']);
    expect(turns[6]).toEqual({ speaker: 'Pedro', start: 130.72, end: 133.84, text: 'Lo haré cuando le digas a tu amiga que te vienes conmigo.' });
    expect(turns.at(-1)).toEqual({ speaker: 'Sara', start: 355.08, end: 356.72, text: 'Por favor, señoritas...' });
  });

  it('webvtt-py comments.vtt: signature with a title, NOTE blocks, dialogue dashes split into turns', () => {
    const { turns } = parseFixture('webvtt-py-comments.vtt');
    expect(turns.map((t) => t.text)).toEqual(['Ta en kopp varmt te.', 'Det är inte varmt.', 'Har en kopp te.', 'Det smakar som te.', 'Ta en kopp']);
    expect(turns[0]).toMatchObject({ speaker: null, start: 135, end: 140 });
    expect(turns.at(-1)).toMatchObject({ start: 145, end: 150 });
  });

  it('webvtt-py styles2.vtt and styles2.srt: the same six subtitles from a STYLE-d WebVTT and a <font>-ed SRT', () => {
    const vtt = parseFixture('webvtt-py-styles2.vtt').turns;
    const srt = parseFixture('webvtt-py-styles2.srt').turns;
    expect(vtt).toEqual(srt);
    expect(vtt).toHaveLength(6);
    expect(vtt[0]).toEqual({ speaker: null, start: 7.12, end: 9.48, text: 'Musique douce' });
    expect(vtt[2]?.text).toBe('Some italic and normal coloured text. By the way, 2 < 3 !');
    expect(vtt.at(-1)).toEqual({ speaker: null, start: 147.68, end: 149.28, text: 'Euh, là-bas, au chêne.' });
  });

  it('webvtt-py cue_tags.vtt: hour-less cue timings and karaoke timestamps inside the text', () => {
    const { turns } = parseFixture('webvtt-py-cue_tags.vtt');
    expect(turns.map((t) => [t.start, t.end, t.text])).toEqual([[16.5, 18.5, 'When the moon hits your eye'], [18.5, 20.5, 'Like a big-a pizza pie'], [20.5, 21.5, "That's amore"]]);
  });

  it('webvtt-py captions_with_bom.vtt: a byte order mark before the signature', () => {
    const text = read('webvtt-py-captions_with_bom.vtt');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const { turns } = parseFixture('webvtt-py-captions_with_bom.vtt');
    expect(turns).toHaveLength(4);
    expect(turns[0]).toEqual({ speaker: null, start: 0.5, end: 7, text: 'Caption text #1' });
    expect(turns.at(-1)).toEqual({ speaker: null, start: 16.32, end: 21.58, text: 'Caption text #4' });
  });

  it('webvtt-py sample.srt (CRLF line ends): five numbered subtitles', () => {
    expect(read('webvtt-py-sample.srt')).toContain('\r\n');
    const { format, turns } = parseFixture('webvtt-py-sample.srt');
    expect(format).toBe('srt');
    expect(turns).toHaveLength(5);
    expect(turns[0]).toEqual({ speaker: null, start: 0.5, end: 7, text: 'Caption text #1' });
    expect(turns.at(-1)).toEqual({ speaker: null, start: 21.58, end: 23.88, text: 'Caption text #5' });
  });

  it("Zoom's saved live transcript (zoom_transcript_filter input_example.txt): [Name] hh:mm:ss headers, same speaker merged", () => {
    const { format, turns } = parseFixture('zoom-saved-transcript.txt');
    expect(format).toBe('text');
    expect(turns).toHaveLength(8);
    expect(speakers(turns)).toEqual(['Johnny Doe', 'Janet Dough']);
    expect(turns[0]).toEqual({ speaker: 'Johnny Doe', start: 11 * 3600 + 2 * 60 + 9, end: null, text: 'How you doing?' });
    expect(turns[4]).toEqual({ speaker: 'Johnny Doe', start: 39734, end: null, text: "Making sure. Okay.\nThat's perfectly fine, and that makes sense." });
    expect(turns.at(-1)).toMatchObject({ speaker: 'Janet Dough', start: 39761, text: expect.stringMatching(/^Yeah, I'm… I mean, I'm…\nI'm about 4 months in/) as unknown });
  });
});

describe('files shaped like other tools’ exports (made here, see the fixtures README)', () => {
  it('Zoom cloud recording VTT (BOM, CRLF): "Name: text" cues, a split sentence merged into one turn', () => {
    const { turns } = parseFixture('made-zoom-cloud.vtt');
    expect(turns).toHaveLength(3);
    expect(speakers(turns)).toEqual(['Maya Chen', "Tom O'Brien"]);
    expect(turns[0]).toEqual({ speaker: 'Maya Chen', start: 2.656, end: 8.01, text: 'Thanks for making time today. Could you walk me through the last time you renewed your policy?' });
    expect(turns[1]).toEqual({ speaker: "Tom O'Brien", start: 8.9, end: 17.5, text: "Sure. I got the email, clicked the link, and the page asked me to log in again. Honestly, that's where I nearly gave up." });
    expect(turns.at(-1)).toEqual({ speaker: 'Maya Chen', start: 18.02, end: 20, text: 'What happened next?' });
  });

  it('Microsoft Teams VTT: GUID cue ids, voice spans, references decoded, a sentence over two cues merged', () => {
    const { turns } = parseFixture('made-teams.vtt');
    expect(turns.map((t) => [t.speaker, t.start, t.end])).toEqual([['Priya Raman', 3.129, 9.02], ['Sam Ortiz', 9.7, 11.35], ['Priya Raman', 11.9, 15.8]]);
    expect(turns[0]?.text).toBe('So the first thing I do each morning is check the dashboard for overnight orders.');
    expect(turns[1]?.text).toBe("And that's on the phone or the laptop?");
    expect(turns.at(-1)?.text).toBe('Laptop. The app & the site never agree.');
  });

  it('Otter.ai text export: "Speaker 1  0:03" headers over the text; the footer is a turn without speaker', () => {
    const { turns } = parseFixture('made-otter.txt');
    expect(turns).toHaveLength(5);
    expect(speakers(turns)).toEqual(['Speaker 1', 'Speaker 2', null]);
    expect(turns[0]).toEqual({ speaker: 'Speaker 1', start: 3, end: null, text: 'So tell me about the first week after you signed up.' });
    expect(turns[3]).toEqual({ speaker: 'Speaker 2', start: 62, end: null, text: 'The help centre, then I just emailed support.' });
    expect(turns.at(-1)).toEqual({ speaker: null, start: null, end: null, text: 'Transcribed by https://otter.ai' });
  });

  it('Google Meet transcript: a title, hh:mm:ss marks alone on a line, "Name: text" lines', () => {
    const { turns } = parseFixture('made-google-meet.txt');
    expect(turns).toHaveLength(5);
    expect(turns[0]).toEqual({ speaker: null, start: null, end: null, text: 'Customer interview - Transcript' });
    expect(turns[1]).toEqual({ speaker: 'Lena Fischer', start: 0, end: null, text: 'Hi Ravi, can you hear me?' });
    expect(turns[2]).toMatchObject({ speaker: 'Ravi Patel', start: null, text: 'Yes, loud and clear.' });
    expect(turns.at(-1)).toEqual({ speaker: 'Ravi Patel', start: 300, end: null, text: 'A friend sent me a link, and I signed up on my phone.' });
  });

  it('Markdown interview notes: headings, **Name:** labels, emphasis and links as text, rules and bullets', () => {
    const { format, turns } = parseFixture('made-interview.md');
    expect(format).toBe('markdown');
    expect(turns.map((t) => [t.speaker, t.text])).toEqual([
      [null, 'Interview 7 — onboarding'],
      ['Interviewer', 'How did the first login go?'],
      ['Participant', 'It was fine, until the app asked for my ID again.\nI had to find the letter they sent.'],
      [null, 'Notes'],
      [null, 'Mentions the ID check twice\nWants a reminder email'],
      ['Interviewer', 'Anything else?'],
      ['Participant', "No, that's it."],
    ]);
    expect(turns.at(-1)?.start).toBe(12 * 60 + 44);
  });
});

describe('refusals: the line and a message a person understands', () => {
  it('a .vtt without the WEBVTT signature (webvtt-py invalid.vtt) is refused at line 1, and told it looks like SRT', () => {
    const r = refused(parseTranscript(read('webvtt-py-invalid.vtt'), { fileName: 'webvtt-py-invalid.vtt' }));
    expect(r.line).toBe(1);
    expect(r.message).toMatch(/^webvtt-py-invalid\.vtt is named as a WebVTT file, but it has no WEBVTT signature\. Line 1 is “00:00:00\.500 --> 00:00:07\.000”/);
    expect(r.message).toMatch(/rename it to \.srt\.$/);
    // Without a name that insists, the same content reads as SRT.
    expect(ok(parseTranscript(read('webvtt-py-invalid.vtt'))).format).toBe('srt');
  });

  it('a .vtt with the signature but no cue, and one whose only cue has a broken timing', () => {
    expect(parseTranscript('WEBVTT\n\nNOTE only a note\n', { fileName: 'x.vtt' })).toEqual({ ok: false, line: 3, message: 'This WebVTT file has no cue up to its last line (3): a cue is a timing line such as 00:00:01.000 --> 00:00:04.000 followed by its text.' });
    const r = refused(parseTranscript('WEBVTT\n\n00:00:01.000 -> 00:00:02.000\nx\n\n00:0a --> 1\ny', { fileName: 'x.vtt' }));
    expect(r).toEqual({ ok: false, line: 6, message: 'No cue could be read: line 6 has a timing that is not WebVTT (like 00:01.000 --> 00:04.000), and no other cue was found.' });
    expect(refused(parseTranscript('', { format: 'vtt' })).line).toBe(1);
    expect(refused(parseTranscript('hello', { format: 'vtt' })).message).toBe('This file was read as WebVTT, but it has no WEBVTT signature. Line 1 is “hello”, but a WebVTT file must start with the word WEBVTT.');
  });

  it('an .srt without a subtitle (webvtt-py invalid_format3.srt), and one whose timings are all broken', () => {
    expect(parseTranscript(read('webvtt-py-invalid_format3.srt'), { fileName: 'a.srt' })).toEqual({ ok: false, line: 2, message: 'No subtitle found up to the last line (2): an SRT file holds blocks with a timing line such as 00:00:01,000 --> 00:00:04,000.' });
    expect(parseTranscript('1\n00:00:01,000 --> 00:99:00,000\nx\n', { fileName: 'a.srt' })).toEqual({ ok: false, line: 2, message: 'No subtitle could be read: line 2 is not an SRT timing line (like 00:00:01,000 --> 00:00:04,000), and no other subtitle was found.' });
  });

  it('empty files, files of blank lines and a lone BOM', () => {
    for (const text of ['', '   \n\n\t', '\uFEFF']) expect(parseTranscript(text)).toEqual({ ok: false, line: 1, message: 'The file is empty: there is no transcript in it.' });
    expect(parseTranscript('WEBVTT\n\n00:01.000 --> 00:02.000\n<i></i>\n')).toEqual({ ok: false, line: 4, message: 'Nothing to read up to the last line (4): every cue or paragraph of this file is empty.' });
  });

  it('binary content: NUL bytes (also UTF-16 read as UTF-8) and mostly control characters, at their line', () => {
    expect(parseTranscript('WEBVTT\n\nabc\u0000def')).toEqual({ ok: false, line: 3, message: 'Line 3 holds a NUL character: this is a binary file, or text saved as UTF-16, not a transcript. Save it as UTF-8 text and try again.' });
    const utf16 = Array.from('WEBVTT\n', (c) => `${c}\u0000`).join('');
    expect(refused(parseTranscript(utf16)).line).toBe(1);
    const binary = `line one\nline two\n${'\u0001\u0002\u0003\uFFFD\u007F'.repeat(20)}`;
    expect(parseTranscript(binary)).toEqual({ ok: false, line: 3, message: 'From line 3 on, this file is mostly characters that are not text: it looks like a binary file (a document, audio or an archive), not a transcript.' });
    // A few odd characters in a real text are not enough.
    expect(ok(parseTranscript(`Jane: caf\uFFFD\u0001 ${'x'.repeat(30)}`)).turns[0]?.speaker).toBe('Jane');
  });

  it('more than 20 MB of text is refused, with the line where the limit is passed', () => {
    const line = `${'x'.repeat(1023)}\n`;
    const big = line.repeat(MAX_TEXT_LENGTH / 1024) + 'y';
    const r = refused(parseTranscript(big));
    expect(r.line).toBe(MAX_TEXT_LENGTH / 1024 + 1);
    expect(r.message).toMatch(/^This file holds more than 20 MB of text \(the limit is passed on line 20481\)/);
    expect(parseTranscript(line.repeat(MAX_TEXT_LENGTH / 1024)).ok).toBe(true);
  });
});

describe('line endings, BOM and warnings', () => {
  const vtt = 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>Hi\n\n00:03.000 --> 00:04.000\n<v Bob>Yo\n';
  it('LF, CRLF and CR give the same turns, with or without a BOM', () => {
    const expected = ok(parseTranscript(vtt)).turns;
    expect(expected).toEqual([{ speaker: 'Ann', start: 1, end: 2, text: 'Hi' }, { speaker: 'Bob', start: 3, end: 4, text: 'Yo' }]);
    for (const text of [vtt.replace(/\n/g, '\r\n'), vtt.replace(/\n/g, '\r'), `\uFEFF${vtt}`, `\uFEFF${vtt.replace(/\n/g, '\r\n')}`]) expect(ok(parseTranscript(text)).turns).toEqual(expected);
    const srt = '1\n00:00:01,000 --> 00:00:02,000\nJane: hi\n\n2\n00:00:03,000 --> 00:00:04,000\nBob: yo\n';
    for (const text of [srt, srt.replace(/\n/g, '\r\n'), srt.replace(/\n/g, '\r'), `\uFEFF${srt}`]) expect(ok(parseTranscript(text)).turns.map((t) => t.speaker)).toEqual(['Jane', 'Bob']);
  });

  it('a cue with a broken timing is left out with a warning naming its line; the rest is read', () => {
    const r = ok(parseTranscript('WEBVTT\n\n00:01.000 --> 00:02.000\na\n\n00:03.000 --> 00:0x.000\nb\n\n00:05.000 --> 00:06.000\nc\n'));
    expect(r.turns.map((t) => t.text)).toEqual(['a', 'c']);
    expect(r.warnings).toEqual(['Line 6: the cue timing “00:03.000 --> 00:0x.000” cannot be read (it should look like 00:01.000 --> 00:04.000); that cue is left out.']);
  });

  it('a cue that ends before it starts keeps its start and loses its end, with a warning', () => {
    const r = ok(parseTranscript('WEBVTT\n\n00:05.000 --> 00:04.000\na\n'));
    expect(r.turns).toEqual([{ speaker: null, start: 5, end: null, text: 'a' }]);
    expect(r.warnings).toEqual(['Line 3: the cue ends before it starts; its end time is left out.']);
  });

  it('warnings stop at fifty, with a count of the rest', () => {
    const cues = Array.from({ length: 60 }, (_, i) => `00:0${i % 10}.000 --> x\nbad\n`).join('\n');
    const r = ok(parseTranscript(`WEBVTT\n\n${cues}\n00:01.000 --> 00:02.000\ngood\n`));
    expect(r.warnings).toHaveLength(51);
    expect(r.warnings.at(-1)).toBe('… and 10 more warnings like these.');
  });
});

describe('SRT, as SubRip writers produce it', () => {
  it('missing numbers, dots for commas, hour-less times, extra blank lines, coordinates, no blank line between blocks', () => {
    const srt = '\n\n00:00:01.500 --> 00:00:02,000 X1:10 X2:20\nfirst\n\n\n\n7\n00:03,000 --> 00:04,250\n<b>second</b>\n8\n00:00:05,000 --> 00:00:06,000\n{\\an8}<font face="Arial">third</font>\n';
    const r = ok(parseTranscript(srt, { fileName: 'x.srt' }));
    expect(r.turns).toEqual([
      { speaker: null, start: 1.5, end: 2, text: 'first' },
      { speaker: null, start: 3, end: 4.25, text: 'second' },
      { speaker: null, start: 5, end: 6, text: 'third' },
    ]);
  });

  it('speakers: "Name:", "[Name]", dialogue dashes; several in one subtitle', () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\nJOHN: Where are you?\nMARY: Here.\n\n2\n00:00:03,000 --> 00:00:04,000\n[Dr. Ng] Sit down.\n\n3\n00:00:05,000 --> 00:00:06,000\n- Why?\n- Because.\n';
    const r = ok(parseTranscript(srt));
    expect(r.format).toBe('srt');
    expect(r.turns.map((t) => [t.speaker, t.text])).toEqual([['JOHN', 'Where are you?'], ['MARY', 'Here.'], ['Dr. Ng', 'Sit down.'], [null, 'Why?'], [null, 'Because.']]);
  });

  it('text before the first subtitle and after a blank line inside one: warned, and kept where it belongs', () => {
    const r = ok(parseTranscript('garbage\n1\n00:00:01,000 --> 00:00:02,000\nline one\n\nline two\n', { fileName: 'x.srt' }));
    expect(r.turns).toEqual([{ speaker: null, start: 1, end: 2, text: 'line one line two' }]);
    expect(r.warnings).toEqual(['Line 1: “garbage” comes before the first subtitle and is left out.', 'Line 6: text after a blank line inside a subtitle; kept with the subtitle of line 3.']);
  });

  it('a subtitle with a broken timing is left out with a warning', () => {
    const r = ok(parseTranscript('1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n00:00:03,000 --> later\nb\n', { fileName: 'x.srt' }));
    expect(r.turns.map((t) => t.text)).toEqual(['a']);
    expect(r.warnings).toEqual(['Line 6: “00:00:03,000 --> later” is not an SRT timing (like 00:00:01,000 --> 00:00:04,000); that subtitle is left out.']);
  });
});

describe('plain text', () => {
  it('reads each way of writing a speaker and a time', () => {
    const text = ['Jane: Hello.', '**Bob:** Hi.', '**Ann**: Hey.', 'Jane (00:01:23): Sure.', 'Bob [01:05]: Ok.', '[00:02:00] Ann: Fine.', '(00:02:30) No speaker here.', '00:03:00 Jane: Right.', '', '00:04:00 Bob', 'Text under a header.', '', '[Ann] 00:05:00', 'More.', '', 'Bob 0:06:10.5', 'Decimal.', '', 'Jane:', 'Header with a colon.'].join('\n');
    const r = ok(parseTranscript(text, { format: 'text' }));
    expect(r.turns.map((t) => [t.speaker, t.start, t.text])).toEqual([
      ['Jane', null, 'Hello.'],
      ['Bob', null, 'Hi.'],
      ['Ann', null, 'Hey.'],
      ['Jane', 83, 'Sure.'],
      ['Bob', 65, 'Ok.'],
      ['Ann', 120, 'Fine.'],
      [null, 150, 'No speaker here.'],
      ['Jane', 180, 'Right.'],
      ['Bob', 240, 'Text under a header.'],
      ['Ann', 300, 'More.'],
      ['Bob', 370.5, 'Decimal.'],
      ['Jane', null, 'Header with a colon.'],
    ]);
  });

  it('paragraphs without a speaker are turns of their own; lines of a paragraph stay together', () => {
    const r = ok(parseTranscript('First thought,\nstill the first.\n\nSecond paragraph at 10:30 with a colon: inside.\n\nJane: hi\nand more from Jane\n\nafter a blank line\n'));
    expect(r.turns).toEqual([
      { speaker: null, start: null, end: null, text: 'First thought,\nstill the first.' },
      { speaker: null, start: null, end: null, text: 'Second paragraph at 10:30 with a colon: inside.' },
      { speaker: 'Jane', start: null, end: null, text: 'hi\nand more from Jane' },
      { speaker: null, start: null, end: null, text: 'after a blank line' },
    ]);
  });

  it('what is not a speaker: sentences, times, URLs, labels, sound descriptions', () => {
    for (const name of ['Jane', 'Dr. Ng', 'Speaker 2', 'SPEAKER_01', '李明', 'Ludwig van Beethoven', "Tom O'Brien", 'Q', 'Jean-Luc']) expect(isSpeakerName(name), name).toBe(true);
    for (const name of ['', 'the plan is', 'Note', 'Summary', '10', 'https', 'Who?', 'A, B', 'One Two Three Four Five', 'x'.repeat(41), ' Jane', 'Music', 'Jane (host)']) expect(isSpeakerName(name), name).toBe(false);
    const r = ok(parseTranscript('Note: bring the forms.\nThe plan is: we go.\n10:30 we start\nhttps://example.com/a'));
    expect(r.turns).toEqual([{ speaker: null, start: null, end: null, text: 'Note: bring the forms.\nThe plan is: we go.\n10:30 we start\nhttps://example.com/a' }]);
  });
});

describe('format detection', () => {
  it('from the name, the hint and the content', () => {
    expect(detectFormat('anything', { format: 'srt' })).toBe('srt');
    expect(detectFormat('x', { fileName: 'A.VTT' })).toBe('vtt');
    expect(detectFormat('x', { fileName: 'a.webvtt' })).toBe('vtt');
    expect(detectFormat('x', { fileName: 'a.srt' })).toBe('srt');
    expect(detectFormat('WEBVTT\n', { fileName: 'a.txt' })).toBe('vtt');
    expect(detectFormat('1\n00:00:01,000 --> 00:00:02,000\nx', { fileName: 'a.txt' })).toBe('srt');
    expect(detectFormat('\n\n00:00:01,000 --> 00:00:02,000\nx')).toBe('srt');
    expect(detectFormat('x', { fileName: 'a.md' })).toBe('markdown');
    expect(detectFormat('x', { fileName: 'a.markdown' })).toBe('markdown');
    expect(detectFormat('# Title\n', { fileName: 'a.txt' })).toBe('text');
    expect(detectFormat('# Title\n')).toBe('markdown');
    expect(detectFormat('**Jane:** hi')).toBe('markdown');
    expect(detectFormat('Jane: hi', { fileName: 'notes' })).toBe('text');
    expect(detectFormat('Jane: hi', { fileName: 'a.docx' })).toBe('text');
    expect(detectFormat('WEBVTTX\n1\n00:00:01,000 --> x')).toBe('text');
    expect(detectFormat('1\n2\n')).toBe('text');
  });
});
