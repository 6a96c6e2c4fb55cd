/**
 * One current alert on the supervisor's desk: what it watches, since when, who has it in hand,
 * and the form to acknowledge it with a note and for how long. A refusal stays on the card in
 * the server's words, so a supervisor with the wrong token learns why nothing happened.
 */
import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { untilFor, UNTIL_CHOICES, nextShiftEnd, type UntilChoice } from '../lib/ack-until.ts';
import { acknowledgeAlert, errorText, isForbidden } from '../lib/alert-actions.ts';
import { alertHeadline, alertValue, severityOf } from '../lib/alert-text.ts';
import { formatDuration } from '../lib/format.ts';
import { AuthError } from '../lib/graphql.ts';
import { t } from '../lib/i18n.ts';
import type { Alert } from '../lib/types.ts';
import { formatWhen } from '../lib/when.ts';
import { SeverityPill, StateBadge } from './AlertBits.tsx';
import { InlineError } from './InlineError.tsx';

export interface AlertCardProps {
  alert: Alert;
  now: number;
  zone: string;
  /** The queue's name, or null for a tenant-wide alert. */
  queueName: string | null;
  token: () => string;
  /** The server's answer to an acknowledgement, applied at once rather than on the next push. */
  onAcknowledged(a: Alert): void;
  onUnauthorized(): void;
}

export function AlertCard(props: AlertCardProps) {
  const a = () => props.alert;
  const when = (iso: string) => formatWhen(Date.parse(iso), props.now, props.zone, t().locale);
  const canAcknowledge = () => a().state === 'FIRING' || a().state === 'ACKNOWLEDGED';
  const pendingFiresAt = () => {
    const rule = a().rule;
    return rule ? formatWhen(Date.parse(a().since) + rule.forSeconds * 1000, props.now, props.zone, t().locale) : null;
  };

  return (
    <article class="acard" data-severity={severityOf(a()).toLowerCase()} data-state={a().state.toLowerCase()} data-alert-id={a().id}>
      <div class="acard-head">
        <SeverityPill severity={severityOf(a())} state={a().state} />
        <span class="acard-queue">
          <Show when={props.queueName !== null && a().queue} fallback={t().allQueues}>
            {(queue) => (
              <A href={`/queue/${encodeURIComponent(a().tenant)}/${encodeURIComponent(queue())}`} title={t().queueDetails(props.queueName!)}>
                {props.queueName}
              </A>
            )}
          </Show>
        </span>
        <span class="acard-what">{alertHeadline(a(), t())}</span>
        <span class="acard-value" title={t().valueAtChange}>
          {alertValue(a(), t())}
        </span>
        <StateBadge state={a().state} />
      </div>

      <p class="acard-meta">
        <span class="acard-elapsed" data-testid="alert-elapsed">
          {formatDuration((props.now - Date.parse(a().since)) / 1000)}
        </span>
        <span>{t().sinceTime(when(a().since))}</span>
        <Show when={a().firedAt}>{(fired) => <span>{t().firedAt(when(fired()))}</span>}</Show>
        <Show when={a().state === 'PENDING' && pendingFiresAt()}>{(at) => <span>{t().pendingFiresAt(at())}</span>}</Show>
      </p>

      <Show when={a().state === 'ACKNOWLEDGED'}>
        <p class="acard-ack" data-testid="alert-ack">
          {t().ackByAt(a().acknowledgedBy ?? t().someone, a().acknowledgedAt ? when(a().acknowledgedAt!) : '')}
          <Show when={a().acknowledgementNote}>{(note) => <> · {t().quote(note())}</>}</Show>
          <Show when={a().acknowledgedUntil}>{(until) => <> · {t().untilTime(when(until()))}</>}</Show>
        </p>
      </Show>

      <Show when={canAcknowledge()}>
        <AcknowledgeForm {...props} />
      </Show>
    </article>
  );
}

function AcknowledgeForm(props: AlertCardProps) {
  const [note, setNote] = createSignal(props.alert.acknowledgementNote ?? '');
  const [choice, setChoice] = createSignal<UntilChoice>('none');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const choiceLabel = (c: UntilChoice) =>
    c === 'shift'
      ? t().untilChoice.shift(formatWhen(nextShiftEnd(props.now, props.zone), props.now, props.zone, t().locale))
      : t().untilChoice[c];

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // `until` is taken at the click, so "15 min" means 15 minutes from now, not from page load.
      const untilMs = untilFor(choice(), Date.now(), props.zone);
      props.onAcknowledged(await acknowledgeAlert({ id: props.alert.id, note: note(), untilMs }, props.token()));
    } catch (err) {
      if (err instanceof AuthError) props.onUnauthorized();
      else if (isForbidden(err)) setError(`${t().ackForbidden} ${t().serverSaid(errorText(err))}`);
      else setError(t().ackFailed(errorText(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form class="acard-form" onSubmit={submit}>
        <label class="field acard-note">
          <span class="visually-hidden">{t().noteLabel}</span>
          <input
            type="text"
            name="note"
            maxlength={2000}
            placeholder={t().notePlaceholder}
            value={note()}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </label>
        <div class="segmented" role="group" aria-label={t().ackFor}>
          <For each={UNTIL_CHOICES}>
            {(c) => (
              <button type="button" data-until={c} aria-pressed={choice() === c} onClick={() => setChoice(c)}>
                {choiceLabel(c)}
              </button>
            )}
          </For>
        </div>
        <button type="submit" class="btn" data-testid="acknowledge" disabled={busy()}>
          {busy() ? t().acknowledging : props.alert.state === 'ACKNOWLEDGED' ? t().updateAcknowledgement : t().acknowledge}
        </button>
      </form>
      <InlineError message={error()} testId="acknowledge-error" />
    </>
  );
}
