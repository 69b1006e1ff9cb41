/**
 * Personas: the people a map is told for. Workspace-wide (a persona can be on many maps); a delete keeps what
 * went with it (its emotion curves, its places on maps, the interviews' references) for undo.
 */
import type { ParsedInput, PersonaUsage } from '../../api/contract.ts';
import { conflict, invalid, notFound } from '../../api/errors.ts';
import type { ChangeSet, Persona, PersonaImage } from '../../api/types.ts';
import { emptyChanges } from '../changes.ts';
import { newId } from '../ids.ts';
import { checkImage } from '../io/images.ts';
import { PERSONA_COLUMNS, getRow, toPersona, type Ctx } from '../records.ts';
import { deleteWithTombstone } from '../tombstones.ts';

export function requirePersona(ctx: Ctx, id: string): Persona {
  const persona = getRow(ctx.db, 'personas', PERSONA_COLUMNS, id, toPersona);
  if (!persona) throw notFound(`No persona with id "${id}" exists; it may have been deleted.`);
  return persona;
}

export function listPersonas(ctx: Ctx): Persona[] {
  const rows = ctx.db.prepare(`SELECT ${PERSONA_COLUMNS} FROM personas ORDER BY name COLLATE NOCASE, id`).all() as Record<string, unknown>[];
  return rows.map(toPersona);
}

export function createPersona(ctx: Ctx, input: ParsedInput<'personas.create'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const id = input.id ?? newId();
    if (db.prepare('SELECT 1 FROM personas WHERE id = ?').get(id)) throw conflict(`A persona with id "${id}" already exists.`);
    db.prepare('INSERT INTO personas (id, name, role, quote, goals, needs, frustrations, color, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      input.name,
      input.role ?? '',
      input.quote ?? '',
      input.goals ?? '',
      input.needs ?? '',
      input.frustrations ?? '',
      input.color ?? null,
      ctx.now().toISOString(),
    );
    const changes = emptyChanges();
    changes.personas.push(requirePersona(ctx, id));
    return changes;
  })();
}

export function updatePersona(ctx: Ctx, input: ParsedInput<'personas.update'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const p = requirePersona(ctx, input.id);
    db.prepare('UPDATE personas SET name = ?, role = ?, quote = ?, goals = ?, needs = ?, frustrations = ?, color = ? WHERE id = ?').run(
      input.name ?? p.name,
      input.role ?? p.role,
      input.quote ?? p.quote,
      input.goals ?? p.goals,
      input.needs ?? p.needs,
      input.frustrations ?? p.frustrations,
      input.color === undefined ? p.color : input.color,
      p.id,
    );
    const changes = emptyChanges();
    changes.personas.push(requirePersona(ctx, p.id));
    return changes;
  })();
}

export function deletePersona(ctx: Ctx, input: ParsedInput<'personas.delete'>): ChangeSet {
  return ctx.db.transaction(() => {
    const p = requirePersona(ctx, input.id);
    return deleteWithTombstone(ctx, 'personas', [p.id], `Delete persona "${p.name}"`, null, input.tombstone);
  })();
}

/** Store a picture the renderer has scaled (or remove it); refused in words, nothing stored, when it is not one. */
export function setPersonaImage(ctx: Ctx, input: ParsedInput<'personas.setImage'>): ChangeSet {
  const { db } = ctx;
  return db.transaction(() => {
    const p = requirePersona(ctx, input.id);
    let bytes: Buffer | null = null;
    if (input.image !== null) {
      bytes = Buffer.from(input.image, 'base64');
      const check = checkImage(bytes);
      if (!check.ok) throw invalid(check.message, [`image: ${check.message}`]);
    }
    db.prepare('UPDATE personas SET image = ? WHERE id = ?').run(bytes, p.id);
    const changes = emptyChanges();
    changes.personas.push(requirePersona(ctx, p.id));
    return changes;
  })();
}

export function getPersonaImage(ctx: Ctx, id: string): { image: PersonaImage | null } {
  requirePersona(ctx, id);
  const row = ctx.db.prepare('SELECT image FROM personas WHERE id = ?').get(id) as { image: Buffer | null };
  if (row.image === null) return { image: null };
  const check = checkImage(row.image);
  // Only checked pictures are stored; one that no longer passes (a file edited by hand) is not served.
  if (!check.ok) return { image: null };
  return { image: { type: check.type, width: check.width, height: check.height, data: row.image.toString('base64') } };
}

/** The maps that name the persona (or hold its emotion curve) and the interviews held with it, by title. */
export function personaUsage(ctx: Ctx, id: string): PersonaUsage {
  requirePersona(ctx, id);
  const maps = ctx.db
    .prepare(
      `SELECT id, title FROM maps WHERE id IN (SELECT map_id FROM map_personas WHERE persona_id = ? UNION SELECT map_id FROM emotion_points WHERE persona_id = ?)
       ORDER BY title COLLATE NOCASE, id`,
    )
    .all(id, id) as { id: string; title: string }[];
  const interviews = ctx.db.prepare('SELECT id, title FROM interviews WHERE persona_id = ? ORDER BY title COLLATE NOCASE, id').all(id) as { id: string; title: string }[];
  return { maps, interviews };
}
