import { describe, expect, it } from 'vitest';
import { copyViews, DEFAULT_VIEWS, moved, pageIndexAt, panelShares, secondsToNextPage, wallPages, wallParams } from '../../web/src/lib/wall-layout.ts';

describe('wallParams', () => {
  it('reads ?screen, ?rotate, ?view and ?kiosk', () => {
    expect(wallParams('?screen=lobby&rotate=30&kiosk')).toEqual({ screen: 'lobby', rotateSeconds: 30, view: null, kiosk: true, problems: [] });
    expect(wallParams('?view=2&kiosk=0')).toEqual({ screen: null, rotateSeconds: null, view: 1, kiosk: false, problems: [] });
    expect(wallParams('')).toEqual({ screen: null, rotateSeconds: null, view: null, kiosk: false, problems: [] });
  });

  it('names what it cannot use instead of ignoring it silently', () => {
    expect(wallParams('?rotate=2&screen=no%20way&view=0').problems).toEqual(['screen=no way', 'rotate=2', 'view=0']);
    expect(wallParams('?rotate=abc').rotateSeconds).toBeNull();
    expect(wallParams('?rotate=3601').problems).toEqual(['rotate=3601']);
  });
});

describe('pages and rotation', () => {
  it("goes through a tenant's views, or every tenant's views on /wall when rotating", () => {
    expect(wallPages('acme', ['acme'], 2, true)).toEqual([
      { tenant: 'acme', view: 0 },
      { tenant: 'acme', view: 1 },
    ]);
    expect(wallPages(null, ['a', 'b'], 2, false)).toEqual([
      { tenant: null, view: 0 },
      { tenant: null, view: 1 },
    ]);
    expect(wallPages(null, ['a', 'b'], 2, true)).toEqual([
      { tenant: 'a', view: 0 },
      { tenant: 'a', view: 1 },
      { tenant: 'b', view: 0 },
      { tenant: 'b', view: 1 },
    ]);
  });

  it('turns pages by the clock, with no timer of its own', () => {
    expect(pageIndexAt(3, 1000, 1000, 30)).toBe(0);
    expect(pageIndexAt(3, 1000, 30_999, 30)).toBe(0);
    expect(pageIndexAt(3, 1000, 31_000, 30)).toBe(1);
    expect(pageIndexAt(3, 1000, 91_000, 30)).toBe(0);
    expect(pageIndexAt(3, 1000, 500_000, null)).toBe(0);
    expect(pageIndexAt(1, 1000, 500_000, 30)).toBe(0);
    expect(secondsToNextPage(0, 0, 30)).toBe(30);
    expect(secondsToNextPage(0, 29_200, 30)).toBe(1);
  });
});

describe('panels', () => {
  it('shares a view between panels by kind; totals take their own height', () => {
    expect(panelShares([{ kind: 'QUEUES' }])).toEqual([1]);
    expect(panelShares([{ kind: 'QUEUES' }, { kind: 'AGENTS' }])).toEqual([0.5, 0.5]);
    expect(panelShares([{ kind: 'AGENTS' }, { kind: 'CHART' }, { kind: 'TOTALS' }])).toEqual([0.6, 0.4, 0]);
    expect(panelShares([{ kind: 'TOTALS' }])).toEqual([0]);
  });

  it('edits copies, never the views on screen', () => {
    const copy = copyViews(DEFAULT_VIEWS);
    copy[0]!.panels[0]!.kind = 'CHART';
    expect(DEFAULT_VIEWS[0]!.panels[0]!.kind).toBe('QUEUES');
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });
});
