/** How the edits of one batch fold into one ChangeSet: what a client applies must be what the workspace holds. */
import { describe, expect, it } from 'vitest';
import type { Card, ChangeSet } from '../../../electron/api/types.ts';
import { emptyChanges, mergeChanges } from '../../../electron/core/changes.ts';
import { describeBackupFailure } from '../../../electron/core/workspace.ts';

const card = (id: string, text: string): Card => ({ id, mapId: 'm', laneId: 'l', stageId: 's', text, color: null, position: 'a0', channel: null, votes: 0, evidence: 'assumed' });
const changes = (fill: (c: ChangeSet) => void): ChangeSet => {
  const c = emptyChanges();
  fill(c);
  return c;
};

describe('folding the steps of a batch into one change set', () => {
  it('starts empty for every kind of record', () => {
    const c = emptyChanges();
    expect(Object.keys(c.deleted).sort()).toEqual(['cards', 'emotions', 'interviews', 'lanes', 'maps', 'metrics', 'personas', 'quoteLinks', 'quotes', 'stages', 'tags', 'versions']);
    for (const kind of Object.keys(c.deleted) as (keyof ChangeSet['deleted'])[]) {
      expect(c[kind]).toEqual([]);
      expect(c.deleted[kind]).toEqual([]);
    }
    expect(c.tombstones).toEqual([]);
    expect(emptyChanges().cards).not.toBe(emptyChanges().cards); // fresh arrays each time
  });

  it('keeps the latest version of a record, once', () => {
    const into = changes((c) => c.cards.push(card('a', 'first'), card('b', 'other')));
    mergeChanges(into, changes((c) => c.cards.push(card('a', 'second'))));
    expect(into.cards.map((x) => [x.id, x.text])).toEqual([
      ['b', 'other'],
      ['a', 'second'],
    ]);
  });

  it('a record made and deleted in one batch is only deleted; deleted and made again is only there', () => {
    const made = changes((c) => c.cards.push(card('a', 'made')));
    mergeChanges(made, changes((c) => c.deleted.cards.push('a')));
    expect(made.cards).toEqual([]);
    expect(made.deleted.cards).toEqual(['a']);
    mergeChanges(made, changes((c) => c.cards.push(card('a', 'back'))));
    expect(made.cards.map((x) => x.text)).toEqual(['back']);
    expect(made.deleted.cards).toEqual([]);
    // A deletion reported twice is reported once; others are kept.
    const twice = changes((c) => c.deleted.cards.push('x'));
    mergeChanges(twice, changes((c) => c.deleted.cards.push('x', 'y')));
    expect(twice.deleted.cards).toEqual(['x', 'y']);
  });

  it('names each tombstone once, in order', () => {
    const into = changes((c) => c.tombstones.push('t1'));
    mergeChanges(into, changes((c) => c.tombstones.push('t1', 't2')));
    mergeChanges(into, changes((c) => c.tombstones.push('t3')));
    expect(into.tombstones).toEqual(['t1', 't2', 't3']);
  });
});

describe('why a backup failed, in words', () => {
  it('names the usual causes, and passes on the message of anything else', () => {
    const e = (code: string) => Object.assign(new Error(`raw ${code}`), { code });
    expect(describeBackupFailure(e('ENOSPC'))).toBe('the disk is full');
    expect(describeBackupFailure(e('SQLITE_FULL'))).toBe('the disk is full');
    for (const code of ['EACCES', 'EPERM', 'EROFS', 'SQLITE_READONLY', 'SQLITE_CANTOPEN']) expect(describeBackupFailure(e(code)), code).toBe('the backups folder cannot be written');
    expect(describeBackupFailure(e('ENOENT'))).toBe('the backups folder is missing');
    expect(describeBackupFailure(e('EIO'))).toBe('raw EIO');
    expect(describeBackupFailure('a string')).toBe('a string');
  });
});
