/** The words the canvas and the table show for lanes: a lane's subtitle says its kind only when its title does not. */
import { describe, expect, it } from 'vitest';
import type { LaneKind } from '../../../electron/api/types.ts';
import { LANE_KIND_NAMES, laneSubtitle } from '../../../renderer/src/labels.ts';

describe('a lane’s subtitle', () => {
  it('is nothing for a text lane, whatever its title (its kind, "Notes", would only repeat or say nothing)', () => {
    for (const title of ['Notes', 'Customer actions', 'Thoughts', 'notes', '']) expect(laneSubtitle({ title, kind: 'text' }), title).toBe('');
  });

  it('names the kind when the title does not say it, and not when it does (any case, spaces or dashes)', () => {
    const cases: [LaneKind, string, string][] = [
      ['pains', 'Pain points', ''],
      ['pains', 'PAIN-POINTS', ''],
      ['pains', 'Frictions', 'Pain points'],
      ['touchpoints', 'Touch points', ''],
      ['touchpoints', 'Channels', 'Touchpoints'],
      ['emotion', 'Emotions', ''],
      ['emotion', 'How it feels', 'Emotion curve'],
      ['opportunities', 'Opportunities', ''],
      ['opportunities', 'Ideas', 'Opportunities'],
      ['evidence', 'Evidence', ''],
      ['evidence', 'What customers said', 'Evidence'],
      ['metrics', 'Metrics', ''],
      ['metrics', 'Funnel', 'Metrics'],
      ['owners', 'Owner', ''],
      ['owners', 'Who', 'Owners'],
      ['backstage', 'Back-stage', ''],
      ['images', 'Sketches', 'Images'],
    ];
    for (const [kind, title, expected] of cases) expect(laneSubtitle({ title, kind }), `${kind}: ${title}`).toBe(expected);
  });

  it('is one of the kind names or nothing, for every kind', () => {
    for (const kind of Object.keys(LANE_KIND_NAMES) as LaneKind[]) {
      expect(['', LANE_KIND_NAMES[kind]]).toContain(laneSubtitle({ title: 'Something else', kind }));
    }
  });
});
