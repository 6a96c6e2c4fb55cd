import { describe, expect, it } from 'vitest';
import { CELL_ASPECT, gridShape, panelAgents, secondsInStateAt, slotsText, summarize } from '../../web/src/lib/agent-grid.ts';
import { wireAgent as agent } from '../helpers/agents.ts';

describe('gridShape', () => {
  it('fits every cell in the box, for 1 to 250 agents, at 1080p and 4K', () => {
    for (const [w, h] of [
      [1890, 930],
      [3780, 1900],
      [1200, 1500],
    ] as const) {
      for (let n = 1; n <= 250; n++) {
        const s = gridShape(n, w, h, 6);
        expect(s.columns * s.rows).toBeGreaterThanOrEqual(n);
        expect(s.columns * s.cellWidth + (s.columns - 1) * 6).toBeLessThanOrEqual(w + 1e-6);
        expect(s.rows * s.cellHeight + (s.rows - 1) * 6).toBeLessThanOrEqual(h + 1e-6);
        // No wasted column: one column fewer would need more rows.
        if (s.columns > 1) expect(Math.ceil(n / (s.columns - 1))).toBeGreaterThan(s.rows);
      }
    }
  });

  it('picks the shape whose cells read largest, and cells shrink as agents are added', () => {
    const s200 = gridShape(200, 1890, 930, 6);
    // Better than any other column count.
    const size = (s: ReturnType<typeof gridShape>) => Math.min(s.cellWidth / CELL_ASPECT, s.cellHeight);
    for (let c = 1; c <= 200; c++) {
      const rows = Math.ceil(200 / c);
      const other = { columns: c, rows, cellWidth: (1890 - (c - 1) * 6) / c, cellHeight: (930 - (rows - 1) * 6) / rows };
      expect(size(s200)).toBeGreaterThanOrEqual(size(other) - 1e-9);
    }
    expect(s200).toMatchObject({ columns: 15, rows: 14 });
    expect(s200.cellHeight).toBeGreaterThan(55);
    let last = Infinity;
    for (const n of [20, 60, 100, 150, 200]) {
      const s = gridShape(n, 1890, 930, 6);
      expect(size(s)).toBeLessThanOrEqual(last);
      last = size(s);
    }
    // 4K: the same shape, twice the size.
    const uhd = gridShape(200, 3780, 1860, 12);
    expect(uhd).toMatchObject({ columns: 15, rows: 14 });
    expect(uhd.cellHeight / s200.cellHeight).toBeCloseTo(2, 1);
  });
});

describe('panelAgents and summarize', () => {
  const agents = [
    agent('zoe', 'BUSY', { queues: ['q2'] }),
    agent('amy', 'AWAY', { reason: 'lunch' }),
    agent('bob', 'OFFLINE'),
    agent('cat', 'AWAY', { reason: 'break' }),
    agent('dan', 'AWAY', { reason: 'break', queues: ['q1', 'q2'] }),
    agent('eve', 'WRAPUP', { tenant: 'a' }),
  ];

  it('shows signed-in agents of the panel\'s queues in a stable order, and counts the offline ones', () => {
    const all = panelAgents(agents, null);
    expect(all.shown.map((a) => `${a.tenant}/${a.id}`)).toEqual(['a/eve', 't/amy', 't/cat', 't/dan', 't/zoe']);
    expect(all.offline).toBe(1);
    const q2 = panelAgents(agents, ['q2']);
    expect(q2.shown.map((a) => a.id)).toEqual(['dan', 'zoe']);
    expect(q2.offline).toBe(0);
  });

  it('counts by activity and away reason, most common reason first', () => {
    const { shown, offline } = panelAgents(agents, null);
    expect(summarize(shown, offline)).toEqual({
      counts: { BUSY: 1, WRAPUP: 1, AVAILABLE: 0, AWAY: 3, OFFLINE: 1 },
      awayReasons: [
        { reason: 'break', count: 2 },
        { reason: 'lunch', count: 1 },
      ],
    });
  });
});

describe('slotsText and secondsInStateAt', () => {
  const name = (c: string) => c.toUpperCase();
  it('says n/m for multi-slot work, nothing for a plain voice line, every channel when several', () => {
    expect(slotsText([{ channel: 'chat', used: 2, capacity: 3 }], name)).toBe('2/3');
    expect(slotsText([{ channel: 'chat', used: 0, capacity: 3 }], name)).toBe('0/3');
    expect(slotsText([{ channel: 'voice', used: 1, capacity: 1 }], name)).toBeNull();
    // A voice agent dialling a callback: still one contact, which the activity already says.
    expect(slotsText([{ channel: 'callback', used: 1, capacity: 0 }, { channel: 'voice', used: 0, capacity: 1 }], name)).toBeNull();
    expect(slotsText([{ channel: 'callback', used: 1, capacity: 0 }, { channel: 'voice', used: 1, capacity: 1 }], name)).toBe('CALLBACK 1 · VOICE 1/1');
    expect(slotsText([], name)).toBeNull();
    expect(slotsText([{ channel: 'voice', used: 0, capacity: 1 }, { channel: 'chat', used: 2, capacity: 3 }], name)).toBe('VOICE 0/1 · CHAT 2/3');
  });

  it('ticks from the local arrival time, never backwards, and stays unknown when unknown', () => {
    expect(secondsInStateAt({ secondsInState: 30, receivedAtMs: 1000 }, 6000)).toBe(35);
    expect(secondsInStateAt({ secondsInState: 30, receivedAtMs: 1000 }, 500)).toBe(30);
    expect(secondsInStateAt({ secondsInState: null, receivedAtMs: 1000 }, 6000)).toBeNull();
  });
});
