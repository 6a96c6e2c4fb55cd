/** What the chart and table show: which day, in which steps, and the same rows as a CSV file. */
import { For, Show } from 'solid-js';
import { t } from '../lib/i18n.ts';
import { INTERVAL_STEPS } from '../lib/intervals.ts';
import type { IntervalStep } from '../lib/types.ts';
import { isIsoDate, type IsoDate } from '../lib/zoned-time.ts';

export interface IntervalToolbarProps {
  date: IsoDate;
  today: IsoDate;
  step: IntervalStep;
  zone: string;
  /** Local time of the last answer, already formatted; empty before the first one. */
  updated: string;
  downloading: boolean;
  onDate(date: IsoDate): void;
  onStep(step: IntervalStep): void;
  onDownload(): void;
}

export function IntervalToolbar(props: IntervalToolbarProps) {
  return (
    <div class="toolbar">
      <h2 class="panel-title">{t().intervals}</h2>
      <label class="field">
        <span class="visually-hidden">{t().day}</span>
        <input
          type="date"
          data-testid="interval-date"
          value={props.date}
          max={props.today}
          required
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (isIsoDate(value) && value <= props.today) props.onDate(value);
            else e.currentTarget.value = props.date; // cleared or out of range: put the shown day back
          }}
        />
      </label>
      <Show when={props.date !== props.today}>
        <button type="button" class="btn btn-quiet" onClick={() => props.onDate(props.today)}>
          {t().today}
        </button>
      </Show>
      <div class="segmented" role="group" aria-label={t().intervalLength}>
        <For each={INTERVAL_STEPS}>
          {(step) => (
            <button
              type="button"
              data-step={step}
              aria-pressed={props.step === step}
              onClick={() => props.onStep(step)}
            >
              {t().steps[step]}
            </button>
          )}
        </For>
      </div>
      <span class="toolbar-note">
        {t().timesIn(props.zone)}
        <Show when={props.updated}>
          {(time) => (
            <>
              {' · '}
              {t().updatedAt(time())}
            </>
          )}
        </Show>
      </span>
      <button
        type="button"
        class="btn"
        data-testid="csv-download"
        disabled={props.downloading}
        onClick={() => props.onDownload()}
      >
        <span aria-hidden="true">⤓</span> {props.downloading ? t().downloading : t().downloadCsv}
      </button>
    </div>
  );
}
