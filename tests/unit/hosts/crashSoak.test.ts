/** The long crash run's bookkeeping (tests/tools/crash-soak.ts): each phase reports its own failures. */
import { describe, expect, it } from 'vitest';
import type { Ledger } from '../reliability/crashHarness.ts';
import { soak, summary, type CheckAfterKill } from '../../tools/crash-soak.ts';

/** A check that finds a problem after the kills listed, and none after the others. */
function failingAfter(kills: Set<number>): CheckAfterKill {
  let n = 0;
  return () => {
    n++;
    return { problems: kills.has(n) ? [`lost an edit at kill ${n}`] : [], cards: n };
  };
}

const quiet = () => {
  const lines: string[] = [];
  return { lines, log: { log: (line: string) => void lines.push(line), error: (line: string) => void lines.push(line) } };
};
const noKill = (_i: number, _file: string, _ledger: Ledger) => Promise.resolve('map');

describe('crash soak', () => {
  it("counts each phase's own failures, not the ones of the phases before it", async () => {
    const { lines, log } = quiet();
    const core = await soak('core', 4, '/nonexistent/core.waymark', noKill, failingAfter(new Set([1, 3])), log);
    const host = await soak('browser host', 3, '/nonexistent/host.waymark', noKill, failingAfter(new Set()), log);
    expect([core.failures, host.failures]).toEqual([2, 0]);
    expect(lines).toContain('core: 4 kills, 2 failures, up to 4 cards on the map');
    expect(lines).toContain('browser host: 3 kills, 0 failures, up to 3 cards on the map');
    expect(lines.filter((l) => l.startsWith('core kill'))).toEqual(['core kill 1: lost an edit at kill 1', 'core kill 3: lost an edit at kill 3']);
    expect(summary([core, host], 9)).toBe('7 kills in 9 s: 2 kills lost acknowledged edits');
  });

  it('a clean run says so', async () => {
    const { log } = quiet();
    const phases = [await soak('core', 2, '/nonexistent/a.waymark', noKill, failingAfter(new Set()), log), await soak('browser host', 1, '/nonexistent/b.waymark', noKill, failingAfter(new Set()), log)];
    expect(summary(phases, 1)).toBe('3 kills in 1 s: nothing acknowledged was lost');
  });
});
