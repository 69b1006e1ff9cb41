/** The words of the question before a persona is deleted: what it is part of, what happens to each, and undo. */
import type { PersonaUsage } from '../../../../electron/api/contract.ts';
import { listOfNames } from './personaLook.ts';

export function deleteQuestion(usage: PersonaUsage): string {
  const parts: string[] = [];
  const maps = usage.maps.map((m) => m.title);
  const interviews = usage.interviews.map((i) => i.title);
  if (maps.length > 0) {
    parts.push(
      maps.length === 1
        ? `It is on the map ${listOfNames(maps)}, which will no longer show it or its emotion curve.`
        : `It is on ${maps.length} maps, ${listOfNames(maps, 5)}, which will no longer show it or its emotion curves.`,
    );
  }
  if (interviews.length > 0) {
    parts.push(
      `${interviews.length === 1 ? 'The interview' : `${interviews.length} interviews,`} ${listOfNames(interviews, 5)}${interviews.length === 1 ? '' : ','} will keep ${interviews.length === 1 ? 'its' : 'their'} notes but no longer name a persona.`,
    );
  }
  if (parts.length === 0) parts.push('No map or interview uses it.');
  return `${parts.join(' ')} You can undo the delete.`;
}
