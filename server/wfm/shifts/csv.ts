/**
 * CSV (RFC 4180: CRLF line ends, a header row, fields quoted when they hold a comma, quote or line
 * break) of a ShiftPlan: the shifts to staff, and the coverage per interval. Same conventions as
 * GET /api/reports/intervals.csv: instants as ISO-8601 UTC plus local columns in the plan's zone.
 */
import { DateTime } from 'luxon';
import type { ShiftPlan } from './types.ts';

type Cell = string | number | null;

function field(v: Cell): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? formatNumber(v) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Up to 6 decimals, no float noise, no trailing zeros: 3, 2.5, 0.333333. */
function formatNumber(n: number): string {
  return String(Number(n.toFixed(6)));
}

function csv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/**
 * One row per chosen shift (template, day and start), with its breaks as
 * `HH:MM-HH:MM xN` for each break time and its agents, `;`-separated, unpaid breaks marked.
 */
export function shiftPlanCsv(plan: ShiftPlan): string {
  const zone = plan.timeZone;
  const localIso = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
  const rows = plan.shifts.map((s) => [
    s.templateId,
    s.templateName,
    s.day,
    s.weekday,
    localIso(s.start),
    localIso(s.end),
    new Date(s.start).toISOString(),
    s.count,
    s.paidMinutes,
    s.breaks
      .flatMap((b) =>
        b.placements.map((p) => {
          const end = DateTime.fromMillis(p.start + b.durationMinutes * 60_000, { zone }).toFormat('HH:mm');
          return `${p.startLocal}-${end} x${formatNumber(p.count)}${b.paid ? '' : ' unpaid'}`;
        }),
      )
      .join('; '),
  ]);
  return csv(['template_id', 'template_name', 'day', 'weekday', 'start_local', 'end_local', 'start', 'count', 'paid_minutes_each', 'breaks'], rows);
}

/** One row per interval of the horizon: required, scheduled (working), on break, under, over. */
export function shiftPlanCoverageCsv(plan: ShiftPlan): string {
  const zone = plan.timeZone;
  const rows = plan.coverage.map((c) => [
    new Date(c.start).toISOString(),
    DateTime.fromMillis(c.start, { zone }).toFormat("yyyy-LL-dd'T'HH:mm"),
    c.required,
    c.scheduled,
    c.onBreak,
    c.alreadyScheduled,
    c.under,
    c.over,
  ]);
  return csv(['start', 'start_local', 'required', 'scheduled', 'on_break', 'already_scheduled', 'under', 'over'], rows);
}
