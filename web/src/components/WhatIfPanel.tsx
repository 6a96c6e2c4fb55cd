/**
 * What-if: five sliders over the staffing policy (AHT, service-level target, its threshold,
 * shrinkage, occupancy cap), each showing its value and, once moved, the baseline it left; and
 * the day's peaks and agent-hours, baseline against what-if, with the change.
 */
import { For, Show } from 'solid-js';
import { DASH } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';
import { tp } from '../lib/planner-i18n.ts';
import { SLIDER_RANGES, signed, type SliderRange, type StaffingSummary, type WhatIfValues } from '../lib/planner.ts';
import { formatTimeOfDay } from '../lib/zoned-time.ts';
import { InlineError } from './InlineError.tsx';

export interface WhatIfPanelProps {
  values: WhatIfValues;
  baseline: WhatIfValues;
  ahtRange: SliderRange;
  baselineSummary: StaffingSummary;
  /** The what-if's numbers; null while it equals the baseline. */
  scenarioSummary: StaffingSummary | null;
  busy: boolean;
  error: string | null;
  zone: string;
  onChange(field: keyof WhatIfValues, value: number): void;
  onReset(): void;
}

type Field = keyof WhatIfValues;
const FIELDS: readonly Field[] = ['ahtSeconds', 'targetPct', 'thresholdSeconds', 'shrinkagePct', 'occupancyPct'];

export function WhatIfPanel(props: WhatIfPanelProps) {
  const m = tp;
  // A fixed list of field names: the slider elements are made once and never replaced, so a drag
  // in progress keeps its element while the numbers around it change.
  const slider = (field: Field): { label: string; range: SliderRange; show: (v: number) => string } => {
    switch (field) {
      case 'ahtSeconds':
        return { label: m().aht, range: props.ahtRange, show: m().seconds };
      case 'targetPct':
        return { label: m().target, range: SLIDER_RANGES.targetPct, show: m().percent };
      case 'thresholdSeconds':
        return { label: m().threshold, range: SLIDER_RANGES.thresholdSeconds, show: m().seconds };
      case 'shrinkagePct':
        return { label: m().shrinkage, range: SLIDER_RANGES.shrinkagePct, show: m().percent };
      case 'occupancyPct':
        return { label: m().occupancy, range: SLIDER_RANGES.occupancyPct, show: m().percent };
    }
  };
  const changed = () => FIELDS.some((f) => props.values[f] !== props.baseline[f]);

  const number = (x: number, digits = 0) => new Intl.NumberFormat(t().locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(x);
  const rows = (): { key: string; label: string; pick: (s: StaffingSummary) => number; digits: number; note?: (s: StaffingSummary) => string | null }[] => [
    { key: 'contacts', label: m().forecastContacts, pick: (s) => s.contacts, digits: 0 },
    {
      key: 'required-peak',
      label: m().requiredPeak,
      pick: (s) => s.requiredPeak,
      digits: 0,
    },
    {
      key: 'scheduled-peak',
      label: m().scheduledPeak,
      pick: (s) => s.scheduledPeak,
      digits: 0,
      note: (s) => (s.peakAt == null ? null : m().peakAt(formatTimeOfDay(s.peakAt, props.zone, t().locale))),
    },
    { key: 'required-hours', label: m().requiredHours, pick: (s) => s.requiredHours, digits: 1 },
    { key: 'scheduled-hours', label: m().scheduledHours, pick: (s) => s.scheduledHours, digits: 1 },
  ];

  return (
    <section class="panel pl-whatif" aria-labelledby="whatif-title" data-testid="whatif" data-busy={props.busy}>
      <div class="pl-panel-head">
        <h2 class="panel-title" id="whatif-title">
          {m().whatIf}
        </h2>
        <span class="pl-busy" aria-live="polite">
          {props.busy ? m().recomputing : ''}
        </span>
        <button type="button" class="btn btn-quiet pl-reset" disabled={!changed()} onClick={() => props.onReset()} data-testid="whatif-reset">
          {m().reset}
        </button>
      </div>
      <p class="pl-hint">{m().whatIfHint}</p>
      <div class="pl-sliders">
        <For each={FIELDS}>
          {(field) => {
            const s = () => slider(field);
            const moved = () => props.values[field] !== props.baseline[field];
            const id = `whatif-${field}`;
            return (
              <div class="pl-slider" data-moved={moved()}>
                <label for={id}>{s().label}</label>
                <output for={id} class="pl-slider-value" data-testid={`${id}-value`}>
                  {s().show(props.values[field])}
                  <Show when={moved()}>
                    <span class="pl-slider-was">
                      {m().baseline.toLowerCase()} {s().show(props.baseline[field])}
                    </span>
                  </Show>
                </output>
                <input
                  id={id}
                  data-testid={id}
                  type="range"
                  min={s().range.min}
                  max={s().range.max}
                  step={s().range.step}
                  value={props.values[field]}
                  onInput={(e) => props.onChange(field, Number(e.currentTarget.value))}
                />
              </div>
            );
          }}
        </For>
      </div>
      <table class="grid-table pl-compare" data-testid="whatif-summary">
        <thead>
          <tr>
            <th scope="col">
              <span class="visually-hidden">{m().whatIf}</span>
            </th>
            <th scope="col">{m().baseline}</th>
            <th scope="col">{m().scenario}</th>
            <th scope="col">{m().change}</th>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(row) => {
              const base = () => row.pick(props.baselineSummary);
              const scenario = () => (props.scenarioSummary ? row.pick(props.scenarioSummary) : base());
              const delta = () => scenario() - base();
              const rounded = () => Number(delta().toFixed(row.digits));
              return (
                <tr data-row={row.key}>
                  <th scope="row">
                    {row.label}
                    <Show when={row.note?.(props.scenarioSummary ?? props.baselineSummary)}>
                      {(note) => <span class="pl-note">{note()}</span>}
                    </Show>
                  </th>
                  <td data-col="baseline">{number(base(), row.digits)}</td>
                  <td data-col="whatif" data-changed={rounded() !== 0}>
                    {number(scenario(), row.digits)}
                  </td>
                  <td data-col="change" data-sign={rounded() > 0 ? 'up' : rounded() < 0 ? 'down' : 'none'}>
                    {rounded() === 0 ? DASH : row.digits ? signed(rounded()).replace(/\d+(\.\d+)?/, (d) => number(Number(d), row.digits)) : signed(rounded())}
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
      <InlineError message={props.error} />
    </section>
  );
}
