/**
 * Every case of shared/data/erlang/vectors.json, each its own test, read from ../shared (never
 * copied into the repository). A case passes when every `expected` key is within its
 * `tolerance_abs`, and every `reference_impl` output (full precision) within 1e-9.
 *
 * Tolerances the file leaves implicit:
 * - computed cases give categories, `probabilities` and `times`; p_*, service_level, sl_*,
 *   occupancy and blocking are probabilities, asa* and avg_wait_if_waiting times, and the two
 *   quantities that are neither (traffic, avg_queue) take the larger of the two;
 * - a published value with no tolerance of its own (traffic 27.0833333333) is good to half a
 *   unit of its last printed digit; whole numbers (agents, traffic 48) must match exactly.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { erlangA, erlangB, erlangBMaxTraffic, erlangC, staffing, type StaffingResult } from '../../server/wfm/index.ts';

type Value = number | string;
interface Vector {
  id: string;
  model: 'erlang_b' | 'erlang_c' | 'erlang_a';
  function: 'blocking' | 'max_traffic' | 'metrics' | 'agents' | 'metrics+agents';
  inputs: Record<string, Value>;
  expected: Record<string, Value>;
  tolerance_abs: Record<string, number>;
  reference_impl?: Record<string, Value>;
  source: { kind: 'published' | 'computed'; ref: string };
}

const file = fileURLToPath(new URL('../../../shared/data/erlang/vectors.json', import.meta.url));
const { vectors } = JSON.parse(readFileSync(file, 'utf8')) as { vectors: Vector[] };

const BINDING: Record<string, StaffingResult['binding']> = {
  service_level: 'SERVICE_LEVEL',
  occupancy: 'OCCUPANCY',
  abandon: 'ABANDONMENT',
  blocking: 'BLOCKING',
};

function bindingName(binding: StaffingResult['binding']): string {
  return Object.entries(BINDING).find(([, b]) => b === binding)?.[0] ?? String(binding);
}

/** Inputs this harness understands; a case with any other input fails instead of being half-read. */
const INPUTS = new Set([
  'time_unit', 'note', 'traffic', 'volume', 'interval', 'arrival_rate', 'aht', 't', 'patience', 'n',
  'sl_target', 'max_occupancy', 'max_abandon', 'max_blocking', 'shrinkage', 'blocking', 'sl_definition',
]);

function num(inputs: Record<string, Value>, key: string): number {
  const value = inputs[key];
  if (typeof value !== 'number') throw new Error(`input ${key} missing or not a number`);
  return value;
}

function optional(inputs: Record<string, Value>, key: string): number | undefined {
  return inputs[key] === undefined ? undefined : num(inputs, key);
}

/** Everything the case's model and function can produce, in the case's own units. */
function compute(v: Vector): Record<string, Value> {
  const i = v.inputs;
  const unknown = Object.keys(i).filter((k) => !INPUTS.has(k));
  if (unknown.length > 0) throw new Error(`unknown inputs ${unknown.join(', ')}`);
  const out: Record<string, Value> = {};

  if (v.model === 'erlang_b') {
    if (v.function === 'blocking') return { blocking: erlangB(num(i, 'n'), num(i, 'traffic')) };
    if (v.function === 'max_traffic') return { traffic: erlangBMaxTraffic(num(i, 'n'), num(i, 'blocking')) };
    const r = staffing({ model: 'ERLANG_B', trafficErlangs: num(i, 'traffic'), maxBlocking: num(i, 'max_blocking'), shrinkage: optional(i, 'shrinkage') });
    return { raw_agents: r.agents, scheduled_agents: r.scheduledAgents, blocking: r.blocking!, binding: bindingName(r.binding) };
  }

  // Queueing models: times in the case's unit; the staffing API takes seconds and arrivals per hour.
  const unit = i.time_unit === 'min' ? 60 : i.time_unit === 's' ? 1 : NaN;
  if (Number.isNaN(unit)) throw new Error(`time_unit ${String(i.time_unit)}`);
  const aht = num(i, 'aht');
  const threshold = num(i, 't');
  const perUnit =
    i.arrival_rate !== undefined ? num(i, 'arrival_rate')
    : i.volume !== undefined ? num(i, 'volume') / num(i, 'interval')
    : num(i, 'traffic') / aht;
  const load =
    i.traffic !== undefined ? { trafficErlangs: num(i, 'traffic') }
    : i.volume !== undefined ? { arrivalsPerHour: (num(i, 'volume') * 3600) / (num(i, 'interval') * unit) }
    : { arrivalsPerHour: (perUnit * 3600) / unit };
  // Traffic as the case's source computes it: volume × AHT / interval, rate × AHT, or given.
  const traffic = i.volume !== undefined ? (num(i, 'volume') * aht) / num(i, 'interval') : i.traffic !== undefined ? num(i, 'traffic') : perUnit * aht;
  out.traffic = traffic;

  const metricsAt = (servers: number) => {
    if (v.model === 'erlang_c') {
      const m = erlangC({ servers, traffic, aht, threshold });
      return { p_wait: m.probabilityOfWait, service_level: m.serviceLevel, asa: m.asa, avg_wait_if_waiting: m.averageWaitIfWaiting, occupancy: m.occupancy };
    }
    const m = erlangA({ servers, traffic, aht, threshold, patience: num(i, 'patience') });
    return {
      p_wait: m.probabilityOfWait,
      p_abandon: m.abandonRate,
      p_abandon_within_t: m.abandonedWithinThreshold,
      sl_answered: m.serviceLevelAnswered,
      sl_virtual: m.serviceLevelVirtual,
      sl_wait: m.serviceLevelWait,
      sl_answered_excl_short_ab: m.serviceLevelAnsweredExclShortAbandons,
      asa_all: m.averageWait,
      asa_answered: m.asaAnswered,
      asa_virtual: m.asaVirtual,
      avg_queue: m.averageQueueLength,
      occupancy: m.occupancy,
      // M/M/n+M has an unlimited waiting room: no call is ever blocked.
      blocking: 0,
    };
  };

  if (v.function === 'metrics' || v.function === 'metrics+agents') Object.assign(out, metricsAt(num(i, 'n')));
  if (v.function === 'agents' || v.function === 'metrics+agents') {
    const common = {
      ...load,
      ahtSeconds: aht * unit,
      thresholdSeconds: threshold * unit,
      targetServiceLevel: num(i, 'sl_target'),
      maxOccupancy: optional(i, 'max_occupancy'),
      shrinkage: optional(i, 'shrinkage'),
    };
    let r: StaffingResult;
    if (v.model === 'erlang_c') {
      r = staffing({ model: 'ERLANG_C', ...common });
    } else {
      // The staffing API's service level is `sl_answered`; a case staffing on another would fail here.
      expect(i.sl_definition ?? 'sl_answered').toBe('sl_answered');
      r = staffing({ model: 'ERLANG_A', ...common, patienceSeconds: num(i, 'patience') * unit, maxAbandonRate: optional(i, 'max_abandon') });
    }
    out.raw_agents = r.agents;
    out.scheduled_agents = r.scheduledAgents;
    out.binding = bindingName(r.binding);
    if (v.function === 'agents') {
      // Metrics of the staffing found: from the API's result where it carries them, the rest
      // from the model at that many agents.
      Object.assign(out, metricsAt(r.agents), {
        traffic: r.trafficErlangs,
        p_wait: r.probabilityOfWait!,
        occupancy: r.occupancy!,
        ...(v.model === 'erlang_c'
          ? { service_level: r.serviceLevel!, asa: r.asaSeconds! / unit }
          : {
              sl_answered: r.serviceLevel!,
              sl_virtual: r.serviceLevelVirtual!,
              p_abandon: r.abandonRate!,
              asa_answered: r.asaSeconds! / unit,
              asa_all: r.averageWaitSeconds! / unit,
            }),
      });
    }
  }
  return out;
}

const PROBABILITY = /^(p_|service_level$|sl_|occupancy$|blocking$)/;
const TIME = /^(asa|avg_wait_if_waiting$)/;

function tolerance(v: Vector, key: string, expected: Value): number {
  const own = v.tolerance_abs[key];
  if (own !== undefined) return own;
  const { probabilities, times } = v.tolerance_abs;
  if (PROBABILITY.test(key) && probabilities !== undefined) return probabilities;
  if (TIME.test(key) && times !== undefined) return times;
  if (probabilities !== undefined || times !== undefined) return Math.max(probabilities ?? 0, times ?? 0);
  if (typeof expected !== 'number' || Number.isInteger(expected)) return 0;
  const decimals = String(expected).split('.')[1]?.length ?? 0;
  return 0.5 * 10 ** -decimals;
}

function compare(actual: Record<string, Value>, key: string, expected: Value, tol: number) {
  expect(actual, `nothing computed for ${key}`).toHaveProperty(key);
  const got = actual[key]!;
  const want = expected === 'Infinity' ? Infinity : expected;
  if (typeof want === 'string' || !Number.isFinite(want)) {
    expect(got, key).toBe(want);
    return;
  }
  expect(typeof got, key).toBe('number');
  const diff = Math.abs((got as number) - want);
  expect(diff, `${key}: got ${got}, expected ${want} ± ${tol}`).toBeLessThanOrEqual(tol);
}

describe('Erlang vectors: expected within tolerance_abs', () => {
  it.each(vectors)('$id ($model $function, $source.kind)', (v) => {
    const actual = compute(v);
    for (const [key, expected] of Object.entries(v.expected)) compare(actual, key, expected, tolerance(v, key, expected));
  });
});

describe('Erlang vectors: every reference_impl output within 1e-9', () => {
  it.each(vectors.filter((v) => v.reference_impl !== undefined))('$id', (v) => {
    const actual = compute(v);
    for (const [key, expected] of Object.entries(v.reference_impl!)) {
      const whole = typeof expected === 'string' || key.endsWith('_agents');
      compare(actual, key, expected, whole ? 0 : 1e-9);
    }
  });
});

it('reads every case of the file', () => {
  expect(vectors.length).toBeGreaterThanOrEqual(31);
  expect(new Set(vectors.map((v) => v.id)).size).toBe(vectors.length);
});
