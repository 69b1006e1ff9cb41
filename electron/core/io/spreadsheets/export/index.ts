/**
 * Journey maps as an Excel workbook (exports.workbook): one map — sheets Map, Cards, Emotions, Quotes,
 * Personas, Metrics — or several, each map a sheet of its own named after its title, and the tables with a
 * Map column. Reads the workspace and writes nothing to it; the file comes back as base64 for the host to save.
 */
import { notFound } from '../../../../api/errors.ts';
import type { WorkbookFile, WorkbookInput } from '../../../../api/exports.ts';
import type { Ctx } from '../../../records.ts';
import { allMapIds, readMapData, type MapData } from './data.ts';
import { mapSheet } from './mapSheet.ts';
import { fileName, uniqueSheetNames } from './names.ts';
import { Styles } from './styles.ts';
import { cardsSheet, emotionsSheet, metricsSheet, personasSheet, quotesSheet, TABLE_SHEETS } from './tableSheets.ts';
import { MEDIA_TYPE, writeWorkbook } from './write.ts';

/** The workbook's sheets for these maps (in this order), styled with `styles`. */
export function workbookSheets(maps: readonly MapData[], styles: Styles) {
  const names = maps.length === 1 ? ['Map'] : uniqueSheetNames(maps.map((m) => m.map.title), TABLE_SHEETS, 'Map');
  return [
    ...maps.map((data, i) => mapSheet(data, names[i] ?? 'Map', styles)),
    cardsSheet(maps, styles),
    emotionsSheet(maps, styles),
    quotesSheet(maps, styles),
    personasSheet(maps, styles),
    metricsSheet(maps, styles),
  ];
}

/** The file's name: the map's title, or the first map's and how many more, or the workspace's for all its maps. */
export function workbookFileName(maps: readonly MapData[], all: boolean, workspace: string): string {
  const first = maps[0]?.map.title ?? '';
  if (all) return fileName(`${workspace.replace(/\.waymark$/i, '')} – all maps`, 'xlsx', 'All maps');
  if (maps.length === 1) return fileName(first, 'xlsx', 'Journey map');
  const more = maps.length - 1;
  return fileName(`${first} and ${more} more ${more === 1 ? 'map' : 'maps'}`, 'xlsx', 'Journey maps');
}

export function exportWorkbook(ctx: Ctx, input: WorkbookInput, workspace: string): WorkbookFile {
  const all = input.all === true;
  const ids = input.mapIds ?? allMapIds(ctx);
  if (ids.length === 0) throw notFound('This workspace has no maps to export.');
  // Read in one transaction: a map edited meanwhile (another window) is exported as it was or as it is, never half.
  const maps = ctx.db.transaction(() => ids.map((id) => readMapData(ctx, id)))();
  const styles = new Styles();
  const bytes = writeWorkbook(workbookSheets(maps, styles), styles, { title: maps.length === 1 ? (maps[0]?.map.title ?? '') : 'Journey maps', now: ctx.now() });
  return { fileName: workbookFileName(maps, all, workspace), mediaType: MEDIA_TYPE, base64: bytes.toString('base64'), size: bytes.length };
}
