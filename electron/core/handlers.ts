/** The implementation table: one entry per contract operation, each a call into a service. */
import { BATCHABLE, type BatchableName, type OperationName, type OperationResult, type ParsedInput } from '../api/contract.ts';
import { invalid, WaymarkError } from '../api/errors.ts';
import type { ChangeSet } from '../api/types.ts';
import { parseInput } from '../api/validate.ts';
import { emptyChanges, mergeChanges } from './changes.ts';
import { createCard, deleteCard, moveCard, updateCard } from './cards.ts';
import { setEmotion } from './emotions.ts';
import { exportBundle } from './io/bundles/export.ts';
import { importBundle, previewBundle } from './io/bundles/import.ts';
import { importMap, previewMapImport } from './io/mapImport/newMap.ts';
import { applyMapUpdate, previewMapUpdate } from './io/mapImport/update.ts';
import { exportWorkbook } from './io/spreadsheets/export/index.ts';
import { createLane, deleteLane, moveLane, updateLane } from './lanes.ts';
import { createMap, deleteMap, getMap, listMaps, requireMap, updateMap } from './maps.ts';
import { mapEvidence } from './research/evidence.ts';
import { createPersona, deletePersona, getPersonaImage, listPersonas, personaUsage, setPersonaImage, updatePersona } from './research/personas.ts';
import { importMetrics, previewMetricImport } from './metrics/metricImport.ts';
import { createMetric, deleteMetric, updateMetric } from './metrics/metrics.ts';
import { createInterview, deleteInterview, getInterview, listInterviews, previewTranscript, setInterviewBody, updateInterview } from './research/interviews.ts';
import { deleteQuoteLink, linkQuotes } from './research/links.ts';
import { importQuotes, previewQuoteImport } from './research/quoteImport.ts';
import { searchQuotes } from './research/quoteSearch.ts';
import { createQuote, deleteQuote, listQuotes, tagQuotes, updateQuote } from './research/quotes.ts';
import { createTag, deleteTag, listTags, mergeTags, renameTag } from './research/tags.ts';
import { createStage, deleteStage, moveStage, updateStage } from './stages.ts';
import type { Ctx } from './records.ts';
import { listTemplates } from './templates.ts';
import { oneTombstoneTime } from './tombstones.ts';
import { restoreTombstoneInMap } from './undo.ts';
import type { Workspace } from './workspace.ts';

/** The edits a batch may hold: synchronous, so a whole batch runs inside one SQLite transaction. */
const edits: { [K in BatchableName]: (ctx: Ctx, input: ParsedInput<K>) => ChangeSet } = {
  'maps.update': updateMap,
  'stages.create': createStage,
  'stages.update': updateStage,
  'stages.move': moveStage,
  'stages.delete': deleteStage,
  'lanes.create': createLane,
  'lanes.update': updateLane,
  'lanes.move': moveLane,
  'lanes.delete': deleteLane,
  'cards.create': createCard,
  'cards.update': updateCard,
  'cards.move': moveCard,
  'cards.delete': deleteCard,
  'emotions.set': setEmotion,
  'tombstones.restore': (ctx, input) => restoreTombstoneInMap(ctx, input.id),
  'tags.create': createTag,
  'quotes.update': updateQuote,
  'quotes.tag': tagQuotes,
  'quotes.link': linkQuotes,
  'quoteLinks.delete': deleteQuoteLink,
  'metrics.create': createMetric,
  'metrics.update': updateMetric,
  'metrics.delete': deleteMetric,
};

const isBatchable = (name: string): name is BatchableName => (BATCHABLE as readonly string[]).includes(name);

/** Validate every step first, then run them all in one transaction: all of them happen, or none. */
function runBatch(ctx: Ctx, steps: readonly { name: string; input?: unknown }[]): ChangeSet {
  const parsed = steps.map((step, i) => {
    if (!isBatchable(step.name)) throw invalid(`Step ${i + 1}: "${step.name}" cannot be part of a batch.`);
    return { name: step.name, input: parseInput(step.name, step.input) };
  });
  const run = <K extends BatchableName>(name: K, input: ParsedInput<K>): ChangeSet => edits[name](ctx, input);
  // One time for the batch's tombstones: the deletes of one command are pruned (and so undone) together.
  return oneTombstoneTime(ctx, () => ctx.db.transaction(() => {
    const changes = emptyChanges();
    parsed.forEach((step, i) => {
      try {
        mergeChanges(changes, run(step.name, step.input as ParsedInput<typeof step.name>));
      } catch (error) {
        if (error instanceof WaymarkError && parsed.length > 1) {
          throw new WaymarkError(error.code, `Step ${i + 1} (${step.name}): ${error.message}`, error.issues);
        }
        throw error;
      }
    });
    return changes;
  })());
}

type Handler<K extends OperationName> = (ws: Workspace, input: ParsedInput<K>) => OperationResult<K> | Promise<OperationResult<K>>;

export const handlers: { [K in OperationName]: Handler<K> } = {
  'workspace.info': (ws) => ws.info(),
  'workspace.backups': (ws) => ws.backups.list(),
  'workspace.backup': (ws) => ws.backupOnline('manual'),
  'workspace.restore': (ws, input) => ws.restore(input.id),
  'templates.list': () => listTemplates(),
  'maps.list': (ws) => listMaps(ws.ctx),
  'maps.create': (ws, input) => createMap(ws.ctx, input),
  'maps.get': (ws, input) => getMap(ws.ctx, input.id),
  'maps.getColumns': (ws, input) => ws.mapJson.columns(ws.ctx, input.id),
  'maps.evidence': (ws, input) => {
    requireMap(ws.ctx, input.id);
    return mapEvidence(ws.ctx, input.id);
  },
  'maps.update': (ws, input) => updateMap(ws.ctx, input),
  'maps.delete': (ws, input) => deleteMap(ws.ctx, input),
  'stages.create': (ws, input) => createStage(ws.ctx, input),
  'stages.update': (ws, input) => updateStage(ws.ctx, input),
  'stages.move': (ws, input) => moveStage(ws.ctx, input),
  'stages.delete': (ws, input) => deleteStage(ws.ctx, input),
  'lanes.create': (ws, input) => createLane(ws.ctx, input),
  'lanes.update': (ws, input) => updateLane(ws.ctx, input),
  'lanes.move': (ws, input) => moveLane(ws.ctx, input),
  'lanes.delete': (ws, input) => deleteLane(ws.ctx, input),
  'cards.create': (ws, input) => createCard(ws.ctx, input),
  'cards.update': (ws, input) => updateCard(ws.ctx, input),
  'cards.move': (ws, input) => moveCard(ws.ctx, input),
  'cards.delete': (ws, input) => deleteCard(ws.ctx, input),
  'emotions.set': (ws, input) => setEmotion(ws.ctx, input),
  'personas.list': (ws) => listPersonas(ws.ctx),
  'personas.create': (ws, input) => createPersona(ws.ctx, input),
  'personas.update': (ws, input) => updatePersona(ws.ctx, input),
  'personas.delete': (ws, input) => deletePersona(ws.ctx, input),
  'personas.setImage': (ws, input) => setPersonaImage(ws.ctx, input),
  'personas.image': (ws, input) => getPersonaImage(ws.ctx, input.id),
  'personas.usage': (ws, input) => personaUsage(ws.ctx, input.id),
  'tombstones.restore': (ws, input) => restoreTombstoneInMap(ws.ctx, input.id),
  'batch.run': (ws, input) => runBatch(ws.ctx, input.steps),
  'interviews.list': (ws, input) => listInterviews(ws.ctx, input),
  'interviews.get': (ws, input) => getInterview(ws.ctx, input.id),
  'interviews.create': (ws, input) => createInterview(ws.ctx, input),
  'interviews.update': (ws, input) => updateInterview(ws.ctx, input),
  'interviews.setBody': (ws, input) => setInterviewBody(ws.ctx, input),
  'interviews.previewTranscript': (_ws, input) => previewTranscript(input),
  'interviews.delete': (ws, input) => deleteInterview(ws.ctx, input),
  'quotes.list': (ws, input) => listQuotes(ws.ctx, input.interviewId),
  'quotes.search': (ws, input) => searchQuotes(ws.ctx, input),
  'quotes.create': (ws, input) => createQuote(ws.ctx, input),
  'quotes.update': (ws, input) => updateQuote(ws.ctx, input),
  'quotes.tag': (ws, input) => tagQuotes(ws.ctx, input),
  'quotes.delete': (ws, input) => deleteQuote(ws.ctx, input),
  'quotes.link': (ws, input) => linkQuotes(ws.ctx, input),
  'quoteLinks.delete': (ws, input) => deleteQuoteLink(ws.ctx, input),
  'tags.list': (ws) => listTags(ws.ctx),
  'tags.create': (ws, input) => createTag(ws.ctx, input),
  'tags.rename': (ws, input) => renameTag(ws.ctx, input),
  'tags.merge': (ws, input) => mergeTags(ws.ctx, input),
  'tags.delete': (ws, input) => deleteTag(ws.ctx, input),
  'metrics.create': (ws, input) => createMetric(ws.ctx, input),
  'metrics.update': (ws, input) => updateMetric(ws.ctx, input),
  'metrics.delete': (ws, input) => deleteMetric(ws.ctx, input),
  'quotes.previewImport': (ws, input) => previewQuoteImport(ws.ctx, input),
  'quotes.import': (ws, input) => importQuotes(ws.ctx, input),
  'metrics.previewImport': (ws, input) => previewMetricImport(ws.ctx, input),
  'metrics.import': (ws, input) => importMetrics(ws.ctx, input),
  'maps.previewImport': (ws, input) => previewMapImport(ws.ctx, input),
  'maps.import': (ws, input) => importMap(ws.ctx, input),
  'maps.previewUpdate': (ws, input) => previewMapUpdate(ws.ctx, input),
  'maps.applyUpdate': (ws, input) => applyMapUpdate(ws.ctx, input),
  'bundles.export': (ws, input) => exportBundle(ws.ctx, input.mapId),
  'bundles.preview': (ws, input) => previewBundle(ws.ctx, input),
  'bundles.import': (ws, input) => importBundle(ws.ctx, input),
  'exports.workbook': (ws, input) => exportWorkbook(ws.ctx, input, ws.info().name),
};
