/**
 * Checks a ShiftPlanInput (parsed JSON from the API as much as a typed caller) and turns it into
 * the plain numbers the model is built from. Every rejection is a WfmInputError naming the field
 * by its path, `templates[1].breaks[0].latestAfterMinutes`, so the API can answer 400 with it.
 */
import { IANAZone } from 'luxon';
import { WfmInputError, checkNumber } from '../numbers.ts';
import { WEEKDAYS, type ShiftPlanInput } from './types.ts';

/** Six weeks of 15-minute intervals and then some; beyond it a plan is a roster problem. */
export const MAX_INTERVALS = 6_000;
export const MAX_TEMPLATES = 100;
/** Shift and break-time choices a plan may offer the solver (HiGHS would not finish much beyond). */
export const MAX_VARIABLES = 100_000;
const DAY_MINUTES = 24 * 60;

export interface Break {
  /** Allowed start offsets, minutes after the shift start, increasing; one entry for a fixed break. */
  offsets: number[];
  duration: number;
  paid: boolean;
}

export interface Template {
  id: string;
  name: string;
  length: number;
  /** Start times, minutes after local midnight, increasing, distinct. */
  startMinutes: number[];
  /** Allowed luxon weekdays, 1 = Monday … 7 = Sunday. */
  days: Set<number>;
  breaks: Break[];
  maxCount: number | null;
  paidMinutes: number;
}

export interface Problem {
  zone: string;
  widthMinutes: number;
  widthMs: number;
  starts: number[];
  required: number[];
  already: number[];
  templates: Template[];
  penalty: number;
  maxAgentsPerDay: number | null;
  integer: boolean;
  timeLimitSeconds: number;
  mipRelGap: number;
  breakStep: number;
}

type Raw = Record<string, unknown>;

function isObject(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function object(field: string, v: unknown): Raw {
  if (!isObject(v)) throw new WfmInputError(field, `must be an object, got ${describe(v)}`);
  return v;
}

function array(field: string, v: unknown, min: number, max: number, what: string): unknown[] {
  if (!Array.isArray(v)) throw new WfmInputError(field, `must be a list of ${what}, got ${describe(v)}`);
  if (v.length < min) throw new WfmInputError(field, `needs at least ${min} ${what}`);
  if (v.length > max) throw new WfmInputError(field, `takes at most ${max} ${what}, got ${v.length}`);
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  return `${typeof v} ${JSON.stringify(v)?.slice(0, 60)}`;
}

function given(raw: Raw, key: string): boolean {
  return raw[key] !== undefined && raw[key] !== null;
}

const wholeMinutes = (hint: string, min: number, max: number) => ({ min, max, integer: true, hint });

/** 'HH:MM' (00:00 … 23:59) as minutes after midnight. */
function clock(field: string, v: unknown): number {
  const m = typeof v === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(v) : null;
  if (!m) throw new WfmInputError(field, `must be a local time 'HH:MM' from 00:00 to 23:59, got ${describe(v)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

const KNOWN_INPUT_KEYS = new Set(['timeZone', 'intervalMinutes', 'intervals', 'templates', 'options']);
const KNOWN_INTERVAL_KEYS = new Set(['start', 'required', 'alreadyScheduled']);
const KNOWN_TEMPLATE_KEYS = new Set(['id', 'name', 'lengthMinutes', 'startTimes', 'startWindow', 'days', 'breaks', 'maxCount']);
const KNOWN_OPTION_KEYS = new Set(['underCoveragePenalty', 'maxAgentsPerDay', 'integer', 'timeLimitSeconds', 'mipRelGap', 'breakStepMinutes']);

function unknownKeys(field: string, raw: Raw, known: Set<string>): void {
  for (const key of Object.keys(raw)) {
    if (!known.has(key) && given(raw, key)) throw new WfmInputError(`${field}${key}`, `is not a field here; the fields are ${[...known].join(', ')}`);
  }
}

export function checkInput(input: ShiftPlanInput): Problem {
  const raw = object('input', input);
  unknownKeys('', raw, KNOWN_INPUT_KEYS);
  const zone = raw.timeZone;
  if (typeof zone !== 'string' || !IANAZone.isValidZone(zone)) {
    throw new WfmInputError('timeZone', `must be an IANA time zone such as Europe/Paris or UTC, got ${describe(zone)}`);
  }
  const widthMinutes = given(raw, 'intervalMinutes')
    ? checkNumber('intervalMinutes', raw.intervalMinutes, wholeMinutes('interval width in minutes, e.g. 15', 1, DAY_MINUTES))
    : 15;
  const widthMs = widthMinutes * 60_000;

  const list = array('intervals', raw.intervals, 1, MAX_INTERVALS, 'intervals');
  const starts: number[] = [];
  const required: number[] = [];
  const already: number[] = [];
  list.forEach((v, i) => {
    const field = `intervals[${i}]`;
    const interval = object(field, v);
    unknownKeys(`${field}.`, interval, KNOWN_INTERVAL_KEYS);
    const start = checkNumber(`${field}.start`, interval.start, { integer: true, hint: 'interval start, epoch milliseconds' });
    const previous = starts[i - 1];
    if (previous !== undefined && start < previous + widthMs) {
      throw new WfmInputError(
        `${field}.start`,
        `must be at least intervalMinutes (${widthMinutes}) after the previous start: intervals go in increasing order and do not overlap`,
      );
    }
    starts.push(start);
    required.push(checkNumber(`${field}.required`, interval.required, { min: 0, hint: 'agents to have working in the interval, after shrinkage' }));
    already.push(
      given(interval, 'alreadyScheduled')
        ? checkNumber(`${field}.alreadyScheduled`, interval.alreadyScheduled, { min: 0, hint: 'agents already working from shifts outside this plan' })
        : 0,
    );
  });

  const options = given(raw, 'options') ? object('options', raw.options) : {};
  unknownKeys('options.', options, KNOWN_OPTION_KEYS);
  const breakStep = given(options, 'breakStepMinutes')
    ? checkNumber('options.breakStepMinutes', options.breakStepMinutes, wholeMinutes('grid of break start offsets in minutes, e.g. 15', 1, DAY_MINUTES))
    : widthMinutes;

  const templateList = array('templates', raw.templates, 1, MAX_TEMPLATES, 'shift templates');
  const ids = new Set<string>();
  const templates = templateList.map((v, i) => {
    const t = checkTemplate(`templates[${i}]`, v, breakStep);
    if (ids.has(t.id)) throw new WfmInputError(`templates[${i}].id`, `"${t.id}" is used by an earlier template; ids must be unique`);
    ids.add(t.id);
    return t;
  });

  // Bound the model before building it: every start on every day, each with its break options.
  const days = Math.ceil((starts[starts.length - 1]! + widthMs - starts[0]!) / 86_400_000) + 1;
  const variables = templates.reduce(
    (sum, t) => sum + t.startMinutes.length * days * (1 + t.breaks.reduce((n, b) => n + (b.offsets.length > 1 ? b.offsets.length : 0), 0)),
    0,
  );
  if (variables > MAX_VARIABLES) {
    throw new WfmInputError(
      'templates',
      `allow up to ${variables} shift and break choices over the horizon, more than ${MAX_VARIABLES}: use fewer start times, narrower break windows, a coarser options.breakStepMinutes or a shorter horizon`,
    );
  }

  const longestPaid = Math.max(...templates.map((t) => t.paidMinutes));
  const penalty = given(options, 'underCoveragePenalty')
    ? checkNumber('options.underCoveragePenalty', options.underCoveragePenalty, {
        min: 0,
        max: 1e9,
        hint: 'cost of one agent missing for one interval, in paid minutes',
      })
    : 10 * Math.max(longestPaid, 1);
  if (given(options, 'integer') && typeof options.integer !== 'boolean') {
    throw new WfmInputError('options.integer', `must be true (whole shifts) or false (LP relaxation), got ${describe(options.integer)}`);
  }
  return {
    zone,
    widthMinutes,
    widthMs,
    starts,
    required,
    already,
    templates,
    penalty,
    maxAgentsPerDay: given(options, 'maxAgentsPerDay')
      ? checkNumber('options.maxAgentsPerDay', options.maxAgentsPerDay, { min: 0, integer: true, hint: 'most shifts starting on one local day' })
      : null,
    integer: options.integer !== false,
    timeLimitSeconds: given(options, 'timeLimitSeconds')
      ? checkNumber('options.timeLimitSeconds', options.timeLimitSeconds, { min: 0, aboveMin: true, max: 3600, hint: 'solver time limit in seconds' })
      : 10,
    mipRelGap: given(options, 'mipRelGap')
      ? checkNumber('options.mipRelGap', options.mipRelGap, { min: 0, max: 1, hint: 'relative MIP gap to stop at, e.g. 0.01 for 1 %' })
      : 1e-4,
    breakStep,
  };
}

function checkTemplate(field: string, v: unknown, breakStep: number): Template {
  const raw = object(field, v);
  unknownKeys(`${field}.`, raw, KNOWN_TEMPLATE_KEYS);
  const id = raw.id;
  if (typeof id !== 'string' || id.length === 0 || id.length > 128) {
    throw new WfmInputError(`${field}.id`, `must be a non-empty string of at most 128 characters, got ${describe(id)}`);
  }
  let name = id;
  if (given(raw, 'name')) {
    if (typeof raw.name !== 'string' || raw.name.length > 256) throw new WfmInputError(`${field}.name`, `must be a string of at most 256 characters`);
    name = raw.name;
  }
  const length = checkNumber(`${field}.lengthMinutes`, raw.lengthMinutes, wholeMinutes('shift length in minutes, breaks included, e.g. 480', 1, DAY_MINUTES));

  const startSet = new Set<number>();
  if (given(raw, 'startTimes')) {
    array(`${field}.startTimes`, raw.startTimes, 0, DAY_MINUTES, "local times 'HH:MM'").forEach((s, j) => startSet.add(clock(`${field}.startTimes[${j}]`, s)));
  }
  if (given(raw, 'startWindow')) {
    const w = object(`${field}.startWindow`, raw.startWindow);
    const from = clock(`${field}.startWindow.from`, w.from);
    const to = clock(`${field}.startWindow.to`, w.to);
    if (to < from) {
      throw new WfmInputError(`${field}.startWindow.to`, `must not be before from (the window lies within one day; use a second template or startTimes across midnight)`);
    }
    const step = checkNumber(`${field}.startWindow.stepMinutes`, w.stepMinutes, wholeMinutes('minutes between allowed starts, e.g. 30', 1, DAY_MINUTES));
    for (let m = from; m <= to; m += step) startSet.add(m);
  }
  if (startSet.size === 0) throw new WfmInputError(`${field}.startTimes`, `give at least one start: startTimes ['08:00', …] or a startWindow`);

  let days = new Set([1, 2, 3, 4, 5, 6, 7]);
  if (given(raw, 'days')) {
    const list = array(`${field}.days`, raw.days, 1, 7, 'weekdays');
    days = new Set(
      list.map((d, j) => {
        const index = WEEKDAYS.indexOf(d as (typeof WEEKDAYS)[number]);
        if (index < 0) throw new WfmInputError(`${field}.days[${j}]`, `must be one of ${WEEKDAYS.join(', ')}, got ${describe(d)}`);
        return index + 1;
      }),
    );
  }

  const breaks: Break[] = [];
  let freeFrom = 0; // earliest minute the next break may start without overlapping the previous one
  const breakList = given(raw, 'breaks') ? array(`${field}.breaks`, raw.breaks, 0, 10, 'breaks') : [];
  breakList.forEach((v, j) => {
    const f = `${field}.breaks[${j}]`;
    const b = object(f, v);
    const duration = checkNumber(`${f}.durationMinutes`, b.durationMinutes, wholeMinutes('break length in minutes, e.g. 15', 1, length));
    const after = checkNumber(`${f}.afterMinutes`, b.afterMinutes, wholeMinutes('earliest break start, minutes after the shift start', 0, length));
    if (after < freeFrom) {
      throw new WfmInputError(
        `${f}.afterMinutes`,
        `must be at least ${freeFrom}: breaks are listed in order and a break may not start before the previous one can have ended`,
      );
    }
    const latest = given(b, 'latestAfterMinutes')
      ? checkNumber(`${f}.latestAfterMinutes`, b.latestAfterMinutes, wholeMinutes('latest break start, minutes after the shift start', after, length))
      : after;
    if (latest + duration > length) {
      throw new WfmInputError(given(b, 'latestAfterMinutes') ? `${f}.latestAfterMinutes` : `${f}.afterMinutes`, `lets the break end after the shift (${latest} + ${duration} > ${length} minutes)`);
    }
    if (given(b, 'paid') && typeof b.paid !== 'boolean') throw new WfmInputError(`${f}.paid`, `must be true or false, got ${describe(b.paid)}`);
    const offsets: number[] = [];
    for (let o = after; o <= latest; o += breakStep) offsets.push(o);
    breaks.push({ offsets, duration, paid: b.paid === true });
    freeFrom = latest + duration;
  });
  const paidMinutes = length - breaks.reduce((sum, b) => sum + (b.paid ? 0 : b.duration), 0);
  return {
    id,
    name,
    length,
    startMinutes: [...startSet].sort((a, b) => a - b),
    days,
    breaks,
    maxCount: given(raw, 'maxCount')
      ? checkNumber(`${field}.maxCount`, raw.maxCount, { min: 0, integer: true, hint: 'most shifts of this template starting on one local day' })
      : null,
    paidMinutes,
  };
}
