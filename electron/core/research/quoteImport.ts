/**
 * Quotes imported from a spreadsheet. The preview reads the file and checks every row, writing nothing; the
 * import checks the same way and, when no row has a problem, writes everything in one transaction:
 * interviews found by title (or made: one per interview named, or per participant when no interview column
 * is mapped), tags found by name whatever their case (or made), the quotes (each with the day of its row, when
 * the date column is mapped), and their places on the named stages of the chosen map.
 */
import type { ParsedInput } from '../../api/contract.ts';
import { invalid } from '../../api/errors.ts';
import { IMPORT_LIMITS, QUOTE_FIELDS, type ImportProblem, type QuoteField, type QuoteImportPreview } from '../../api/imports.ts';
import { characterCount, LIMITS } from '../../api/fields.ts';
import { RESEARCH_LIMITS } from '../../api/research.ts';
import { SENTIMENT, type ChangeSet } from '../../api/types.ts';
import { emptyChanges } from '../changes.ts';
import { newId } from '../ids.ts';
import { readImportFile } from '../io/spreadsheets/importFile.ts';
import { cellOf, day, suggestMapping, tagList, wholeNumber } from '../io/spreadsheets/table.ts';
import { requireMap, touchMap } from '../maps.ts';
import { INTERVIEW_COLUMNS, QUOTE_COLUMNS, QUOTE_LINK_COLUMNS, TAG_COLUMNS, toInterview, toQuote, toQuoteLink, toTag, type Ctx, type Row } from '../records.ts';

export interface StageNames {
  title: string;
  /** Stage ids by name in lower case (the first stage of a name, in the map's order). */
  byName: Map<string, string>;
  /** The stages' names in the map's order. */
  names: string[];
}

export function stageNamesOf(ctx: Ctx, mapId: string): StageNames {
  const map = requireMap(ctx, mapId);
  const stages = ctx.db.prepare('SELECT id, name FROM stages WHERE map_id = ? ORDER BY position, id').all(mapId) as { id: string; name: string }[];
  const byName = new Map<string, string>();
  for (const s of stages) if (!byName.has(s.name.trim().toLowerCase())) byName.set(s.name.trim().toLowerCase(), s.id);
  return { title: map.title, byName, names: stages.map((s) => s.name) };
}

/** Header names each field is known by (lower case, letters and digits only). */
const SYNONYMS: Record<QuoteField, readonly string[]> = {
  text: ['quote', 'text', 'verbatim', 'quotation', 'comment', 'feedback', 'answer', 'response', 'statement', 'what they said', 'content', 'notes'],
  participant: ['participant', 'who', 'speaker', 'respondent', 'customer', 'interviewee', 'user', 'person', 'name'],
  interview: ['interview', 'session', 'conversation', 'call', 'source', 'study'],
  stage: ['stage', 'journey stage', 'step', 'phase', 'moment'],
  sentiment: ['sentiment', 'score', 'feeling', 'emotion', 'mood'],
  tags: ['tags', 'tag', 'labels', 'label', 'themes', 'theme', 'codes', 'code', 'categories', 'category'],
  // "Said on" first: Waymark's own Quotes sheet has it beside "Interview date" (the interview's, not the quote's).
  date: ['said on', 'date', 'when', 'held on', 'day', 'recorded'],
};

type QuoteInput = ParsedInput<'quotes.previewImport'> | ParsedInput<'quotes.import'>;

/** One row ready to be written. */
interface PlannedQuote {
  row: number;
  text: string;
  participant: string;
  interview: string;
  stageId: string | null;
  sentiment: number | null;
  tags: string[];
  date: string | null;
}

interface Plan extends Omit<QuoteImportPreview, 'rows' | 'problems'> {
  rows: QuoteImportPreview['rows'];
  problems: ImportProblem[];
  quotes: PlannedQuote[];
  /** Existing interviews by title (lower case), and tags by name (lower case). */
  interviewIds: Map<string, string>;
  tagIds: Map<string, string>;
}

const noMapping = (): Record<QuoteField, number | null> => Object.fromEntries(QUOTE_FIELDS.map((f) => [f, null])) as Record<QuoteField, number | null>;

function lookups(ctx: Ctx): { interviewIds: Map<string, string>; tagIds: Map<string, string> } {
  const interviewIds = new Map<string, string>();
  for (const r of ctx.db.prepare('SELECT id, title FROM interviews ORDER BY created_at, id').all() as { id: string; title: string }[]) {
    const key = r.title.trim().toLowerCase();
    if (!interviewIds.has(key)) interviewIds.set(key, r.id);
  }
  const tagIds = new Map<string, string>();
  for (const r of ctx.db.prepare('SELECT id, name FROM tags').all() as { id: string; name: string }[]) tagIds.set(r.name.trim().toLowerCase(), r.id);
  return { interviewIds, tagIds };
}

/** The interview a row goes to when no interview is named: one per participant of this file. */
const importedTitle = (fileName: string, participant: string): string => {
  const base = `Imported from ${fileName}`;
  // Cut to the longest title, without a space left at its end (titles are stored and found trimmed).
  return (participant === '' ? base : `${base} — ${participant}`).slice(0, LIMITS.title).trimEnd();
};

function plan(ctx: Ctx, input: QuoteInput): Plan {
  const read = readImportFile(input);
  const { interviewIds, tagIds } = lookups(ctx);
  const columns = read.table?.columns ?? [];
  const mapping = { ...noMapping(), ...(input.mapping === undefined ? suggestMapping(columns, SYNONYMS) : input.mapping) };
  const blockers: string[] = [];
  if (read.blocker !== null) blockers.push(read.blocker);
  for (const field of QUOTE_FIELDS) {
    const at = mapping[field];
    if (at !== null && read.table !== null && at >= columns.length) blockers.push(`The ${field} column is set to column ${at + 1}, but the file has ${columns.length} columns.`);
  }
  if (read.table !== null && mapping.text === null) blockers.push('Choose the column that holds the quotes’ text.');
  const stages = input.mapId === undefined ? null : stageNamesOf(ctx, input.mapId);
  if (read.table !== null && mapping.stage !== null && stages === null) blockers.push('Choose the map whose stages the stage column names.');

  const problems: ImportProblem[] = [];
  const rows: QuoteImportPreview['rows'] = [];
  const quotes: PlannedQuote[] = [];
  const newInterviews = new Set<string>();
  const newTags = new Set<string>();
  let withProblems = 0;
  let links = 0;
  const checked = blockers.length === 0 && read.table !== null ? read.table.rows : [];
  for (const r of checked) {
    const before = problems.length;
    const problem = (field: QuoteField, message: string) => problems.push({ row: r.row, field, message });
    const text = cellOf(r, mapping.text);
    if (text === '') problem('text', 'The text is empty.');
    else if (characterCount(text) > RESEARCH_LIMITS.quote) problem('text', `The text is ${characterCount(text).toLocaleString('en')} characters; a quote may have at most ${RESEARCH_LIMITS.quote.toLocaleString('en')}.`);
    const participant = cellOf(r, mapping.participant);
    if (characterCount(participant) > LIMITS.name) problem('participant', `The participant’s name is longer than ${LIMITS.name} characters.`);
    const named = cellOf(r, mapping.interview);
    if (characterCount(named) > LIMITS.title) problem('interview', `The interview’s title is longer than ${LIMITS.title} characters.`);
    const interview = named !== '' ? named : importedTitle(input.fileName, participant);
    const stageName = cellOf(r, mapping.stage);
    let stageId: string | null = null;
    if (stageName !== '' && stages !== null) {
      stageId = stages.byName.get(stageName.toLowerCase()) ?? null;
      if (stageId === null) problem('stage', `“${stageName}” is not a stage of the map “${stages.title}” (its stages: ${stages.names.join(', ')}).`);
    }
    const sentimentText = cellOf(r, mapping.sentiment);
    const sentiment = wholeNumber(sentimentText);
    if (sentimentText !== '' && (sentiment === null || sentiment < SENTIMENT.min || sentiment > SENTIMENT.max)) {
      problem('sentiment', `The sentiment “${sentimentText}” is not a whole number from −2 to +2.`);
    }
    const tags = tagList(cellOf(r, mapping.tags));
    const long = tags.find((t) => characterCount(t) > LIMITS.name);
    if (long !== undefined) problem('tags', `The tag “${long.slice(0, 40)}…” is longer than ${LIMITS.name} characters.`);
    if (tags.length > RESEARCH_LIMITS.tagsPerQuote) problem('tags', `The row has ${tags.length} tags; a quote may have at most ${RESEARCH_LIMITS.tagsPerQuote}.`);
    const dateText = cellOf(r, mapping.date);
    const date = day(dateText);
    if (dateText !== '' && date === null) problem('date', `“${dateText}” is not a date; write dates as YYYY-MM-DD, e.g. 2026-03-31.`);

    if (problems.length > before) {
      withProblems++;
    } else {
      quotes.push({ row: r.row, text, participant, interview, stageId, sentiment, tags, date });
      if (!interviewIds.has(interview.toLowerCase())) newInterviews.add(interview.toLowerCase());
      for (const t of tags) if (!tagIds.has(t.toLowerCase())) newTags.add(t.toLowerCase());
      if (stageId !== null) links++;
    }
    if (rows.length < IMPORT_LIMITS.previewRows) {
      const stage = stageId === null ? stageName : (stages?.names.find((n) => n.toLowerCase() === stageName.toLowerCase()) ?? stageName);
      rows.push({
        row: r.row,
        values: {
          text,
          participant,
          interview,
          stage,
          sentiment: sentiment === null ? sentimentText : String(sentiment),
          tags: tags.join(', '),
          date: date ?? dateText,
        },
      });
    }
  }
  const total = checked.length;
  return {
    source: read.source,
    columns,
    mapping,
    blockers,
    rows,
    problems,
    quotes,
    interviewIds,
    tagIds,
    counts: { rows: total, ok: total - withProblems, withProblems, problems: problems.length, interviewsToCreate: newInterviews.size, tagsToCreate: newTags.size, links },
  };
}

export function previewQuoteImport(ctx: Ctx, input: ParsedInput<'quotes.previewImport'>): QuoteImportPreview {
  const p = plan(ctx, input);
  return { source: p.source, columns: p.columns, mapping: p.mapping, blockers: p.blockers, rows: p.rows, problems: p.problems.slice(0, IMPORT_LIMITS.previewProblems), counts: p.counts };
}

/** Why an import was refused, in words: the first problems, row by row. */
export function refusal(p: { blockers: string[]; problems: ImportProblem[]; counts: { withProblems: number } }): never {
  const issues = [...p.blockers, ...p.problems.slice(0, 20).map((x) => `Row ${x.row}: ${x.message}`)];
  const head = p.blockers.length > 0 ? (p.blockers[0] ?? '') : `${p.counts.withProblems.toLocaleString('en')} ${p.counts.withProblems === 1 ? 'row has' : 'rows have'} problems (${issues[0] ?? ''}).`;
  throw invalid(`${head} Nothing was imported.`, issues);
}

/** Rows written by one statement at most (of at most 11 values each: well under SQLite's 32,766 parameters). */
export const ROWS_PER_INSERT = 1000;

/**
 * `insert` (an INSERT up to its column list) of `rows` (one value a column each), ROWS_PER_INSERT rows a statement,
 * in their order (the quotes' rowids follow the file's rows). One statement for many rows, not one a row: a
 * statement whose triggers write a full-text index begins with a savepoint, and FTS5 writes its pending words to
 * disk at every savepoint, so one insert a quote wrote a segment a quote (and merged them again and again).
 */
export function insertRows(db: Ctx['db'], insert: string, rows: readonly (readonly unknown[])[]): void {
  const width = rows[0]?.length ?? 0;
  const statements = new Map<number, ReturnType<Ctx['db']['prepare']>>();
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    let statement = statements.get(chunk.length);
    if (statement === undefined) {
      const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
      statement = db.prepare(`${insert} VALUES ${Array.from({ length: chunk.length }, () => row).join(', ')}`);
      statements.set(chunk.length, statement);
    }
    statement.run(chunk.flat());
  }
}

export function importQuotes(ctx: Ctx, input: ParsedInput<'quotes.import'>): ChangeSet {
  const { db } = ctx;
  const p = plan(ctx, input);
  if (p.blockers.length > 0 || p.problems.length > 0) refusal(p);
  return db.transaction(() => {
    const now = ctx.now().toISOString();
    const changes = emptyChanges();
    const interviewIds = new Map(p.interviewIds);
    const made: string[] = [];
    const insertTag = db.prepare('INSERT INTO tags (id, name) VALUES (?, ?)');
    // A new interview takes the first participant named for it and the earliest day.
    const firstOf = new Map<string, { title: string; participant: string; date: string | null }>();
    for (const q of p.quotes) {
      const key = q.interview.toLowerCase();
      if (interviewIds.has(key)) continue;
      const seen = firstOf.get(key);
      if (!seen) firstOf.set(key, { title: q.interview, participant: q.participant, date: q.date });
      else {
        if (seen.participant === '') seen.participant = q.participant;
        if (q.date !== null && (seen.date === null || q.date < seen.date)) seen.date = q.date;
      }
    }
    const interviews: unknown[][] = [];
    for (const [key, i] of firstOf) {
      const id = newId();
      interviews.push([id, i.title, i.participant, null, i.date, 'interview', '', 'notes', null, now, now]);
      interviewIds.set(key, id);
      made.push(id);
    }
    insertRows(db, 'INSERT INTO interviews (id, title, participant, persona_id, held_on, method, transcript, format, turns, created_at, updated_at)', interviews);
    const tagIds = new Map(p.tagIds);
    const newTags: string[] = [];
    const quotes: unknown[][] = [];
    const quoteTags: unknown[][] = [];
    const links: unknown[][] = [];
    for (const q of p.quotes) {
      const id = newId();
      quotes.push([id, interviewIds.get(q.interview.toLowerCase()) ?? '', q.text, null, null, q.sentiment, q.participant, null, q.date, now]);
      for (const name of q.tags) {
        let tagId = tagIds.get(name.toLowerCase());
        if (tagId === undefined) {
          tagId = newId();
          insertTag.run(tagId, name);
          tagIds.set(name.toLowerCase(), tagId);
          newTags.push(tagId);
        }
        quoteTags.push([id, tagId]);
      }
      if (q.stageId !== null && input.mapId !== undefined) links.push([newId(), id, input.mapId, q.stageId, null, now]);
    }
    // Last row first: the rows of one import came at one time, and the quote board, newest (highest seq) first, then
    // lists them as the file has them, top to bottom.
    insertRows(db, 'INSERT INTO quotes (id, interview_id, text, start_offset, end_offset, sentiment, speaker, at_seconds, said_on, created_at)', quotes.toReversed());
    insertRows(db, 'INSERT OR IGNORE INTO quote_tags (quote_id, tag_id)', quoteTags);
    insertRows(db, 'INSERT INTO quote_links (id, quote_id, map_id, stage_id, card_id, created_at)', links);
    const quoteIds = quotes.map((q) => String(q[0]));
    const linkIds = links.map((l) => String(l[0]));
    const some = <T>(table: string, columns: string, ids: string[], to: (r: Row) => T): T[] =>
      (db.prepare(`SELECT ${columns} FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[]).map(to);
    changes.interviews = some('interviews', INTERVIEW_COLUMNS, made, toInterview);
    changes.tags = some('tags', TAG_COLUMNS, newTags, toTag);
    changes.quotes = some('quotes', QUOTE_COLUMNS, quoteIds, toQuote);
    changes.quoteLinks = some('quote_links', QUOTE_LINK_COLUMNS, linkIds, toQuoteLink);
    if (linkIds.length > 0 && input.mapId !== undefined) changes.maps.push(touchMap(ctx, input.mapId));
    return changes;
  })();
}

