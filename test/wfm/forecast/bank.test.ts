/**
 * The bank data (shared/data/forecast): day-ahead 15-minute forecasts of each of the last 30
 * weekdays from the history strictly before it, as the benchmark makes them; the intraday
 * reforecast at 10:00, 12:00 and 13:00 against none.
 *
 * Measured (2003-09-12 to 2003-10-24): the backtest's choice MASE 0.632, WAPE 5.80 %; 8-week
 * same-weekday average 0.803 / 7.37 %; one-week seasonal naive 0.920 / 8.44 %.
 */
import { describe, expect, it } from 'vitest';
import { forecastQueue } from '../../../server/wfm/forecast/index.ts';
import { BANK_ZONE, dayAhead, dayStart, intraday, lastWeekdays, loadBank } from './bank.ts';

const days = lastWeekdays(30);

describe('bank data, day-ahead over the last 30 weekdays', () => {
  it('reproduces the baselines of the data README', () => {
    expect(days[0]).toBe('2003-09-12');
    const average = dayAhead(days, { method: 'weekday-average', backtestOrigins: 0 });
    const naive = dayAhead(days, { method: 'seasonal-naive', backtestOrigins: 0 });
    expect(average.mase).toBeCloseTo(0.8, 2);
    expect(average.wape).toBeCloseTo(0.074, 3);
    expect(naive.mase).toBeCloseTo(0.92, 2);
  });

  it('beats the 8-week average clearly with the method the backtest chooses', () => {
    const chosen = dayAhead(days);
    const average = dayAhead(days, { method: 'weekday-average', backtestOrigins: 0 });
    expect(chosen.mase).toBeLessThanOrEqual(0.75);
    expect(chosen.mase).toBeLessThan(0.9 * average.mase);
    expect(chosen.wape).toBeLessThan(average.wape);
    expect(chosen.mase).toBeGreaterThan(0.36); // the Poisson floor: below it, something leaks
    // Each day's forecast reports the accuracy of its own backtest.
    for (const f of chosen.forecasts) expect(f.accuracy!.mase).toBe(f.candidates.find((c) => c.method === f.method)!.mase);
  });

  it('forecasts a day from the history before it only', () => {
    const data = loadBank();
    const date = '2003-10-15';
    const asOf = dayStart(date);
    const request = { timeZone: BANK_ZONE, asOf, from: asOf, to: asOf + 86_400_000 };
    const all = forecastQueue(data.observations, request);
    const before = forecastQueue(
      data.observations.filter((o) => o.start < asOf),
      request,
    );
    expect(before).toEqual(all);
  });
});

describe('bank data, intraday reforecast', () => {
  it.each([10, 12, 13])('is not worse than none at %s:00 over the last 30 weekdays', (hour) => {
    const r = intraday(days, hour * 60);
    expect(r.reforecastMae).toBeLessThanOrEqual(r.plainMae);
    expect(r.applied).toBeGreaterThan(0);
  });
});
