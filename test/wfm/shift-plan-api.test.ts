/** shiftPlan over GraphQL: the forecast requirement covered by shifts, with CSVs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';

const DAY = 86_400_000;

describe('shiftPlan over GraphQL', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it("covers a day's forecast requirement with the least paid time, and exports CSV", async () => {
    const t = uniqueTenant();
    const today = Math.floor(Date.now() / DAY) * DAY;
    // Eight weeks, every day 08:00-16:00 UTC, a flat 30 contacts a quarter hour at 300 s.
    const rows = ['start,offered,answered,ahtSeconds'];
    for (let d = 56; d > 0; d--) for (let i = 0; i < 32; i++) rows.push(`${new Date(today - d * DAY + 8 * 3_600_000 + i * 900_000).toISOString()},30,30,300`);
    const imp = await fetch(`${app.url}/api/import/intervals?tenant=${t}&queue=q`, { method: 'POST', headers: { authorization: `Bearer ${app.token}`, 'content-type': 'text/csv' }, body: rows.join('\n') });
    expect(imp.status).toBe(202);
    const day = today + DAY;
    const r = await app.graphql(
      `query($i: ShiftPlanRequest!) { shiftPlan(input: $i) { status paidMinutes shiftCount underAgentIntervals intervalsUnder
        shifts { template startLocal endLocal count breaks { start count } } coverage { start required scheduled under } csv { shifts coverage } } }`,
      {
        i: {
          tenant: t,
          queue: 'q',
          from: new Date(day).toISOString(),
          to: new Date(day + DAY).toISOString(),
          staffing: { shrinkage: 0 },
          templates: [
            { id: 'full', name: 'Full day', lengthMinutes: 480, startTimes: ['08:00'] },
            { id: 'half', name: 'Half day', lengthMinutes: 240, startTimes: ['08:00', '12:00'] },
          ],
        },
      },
    );
    expect(r.errors).toBeUndefined();
    const plan = r.data.shiftPlan;
    expect(plan.status).toBe('OPTIMAL');
    const open = plan.coverage.filter((c: { required: number }) => c.required > 0);
    expect(open).toHaveLength(32);
    const required = open[0].required;
    expect(open.every((c: { required: number; scheduled: number; under: number }) => c.required === required && c.scheduled === required && c.under === 0)).toBe(true);
    // A flat day is covered by full-day shifts, or half-day pairs: the same paid time, 480 min per head.
    expect(plan.paidMinutes).toBe(required * 480);
    expect(plan.underAgentIntervals).toBe(0);
    expect(plan.csv.shifts.split('\r\n')[0]).toContain('template');
    expect(plan.csv.coverage.split('\r\n').length).toBeGreaterThan(32);
  });

  it('names the field of a wrong template', async () => {
    const t = uniqueTenant();
    const now = Date.now();
    const r = await app.graphql(`query($i: ShiftPlanRequest!) { shiftPlan(input: $i) { status } }`, {
      i: { tenant: t, queue: 'q', from: new Date(now).toISOString(), to: new Date(now + DAY).toISOString(), templates: [{ id: 'x', lengthMinutes: 480, startTimes: ['25:00'] }] },
    });
    expect(r.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(r.errors?.[0]?.message).toMatch(/templates/);
  });
});
