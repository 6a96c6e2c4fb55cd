/**
 * The supervisor's follow-ups, one row each, most urgent first: what is owed (kind, queue,
 * contact), who has it, the note, when it is due in the tenant's zone with a countdown that
 * ticks between reads, and the status changes that make sense from where it stands. A refusal
 * stays on its row in the server's words.
 */
import { createSignal, For, Show } from 'solid-js';
import { errorText, isForbidden } from '../lib/alert-actions.ts';
import type { FollowUpChange } from '../lib/followup-actions.ts';
import { ACTION_STATUS, actionsFor, countdownAt, countdownText, type FollowUpAction } from '../lib/followup-view.ts';
import { AuthError } from '../lib/graphql.ts';
import { t } from '../lib/i18n.ts';
import type { Messages } from '../lib/i18n.ts';
import type { FollowUpStatus } from '../lib/types.ts';
import { formatWhen } from '../lib/when.ts';
import type { FollowUpRow } from '../stores/followups.ts';

export interface FollowUpListProps {
  rows: readonly FollowUpRow[];
  now: number;
  zone: string;
  queueName(id: string): string;
  /** Show Assign and the status buttons (the token's role allows them). */
  canWrite: boolean;
  /** Sends one change; resolves once the server has it, rejects with its refusal. */
  onChange(row: FollowUpRow, change: FollowUpChange): Promise<void>;
  onUnauthorized(): void;
}

const ACTION_LABEL: Record<FollowUpAction, (m: Messages) => string> = {
  start: (m) => m.fuStart,
  waiting: (m) => m.fuWaiting,
  done: (m) => m.fuDone,
  cancel: (m) => m.fuCancel,
  reopen: (m) => m.fuReopen,
};

/** Back to work after the customer answered reads "Resume", not "Start". */
const actionLabel = (action: FollowUpAction, status: FollowUpStatus) =>
  action === 'start' && status === 'WAITING_CUSTOMER' ? t().fuResume : ACTION_LABEL[action](t());

/** A button's words; "Start" and "Resume" take the room of the longer, so the columns line up. */
function ActionWords(props: { action: FollowUpAction; status: FollowUpStatus }) {
  return (
    <Show when={props.action === 'start'} fallback={actionLabel(props.action, props.status)}>
      <span class="fu-label-stack">
        <span>{actionLabel('start', props.status)}</span>
        <span class="fu-label-alt" aria-hidden="true">
          {props.status === 'WAITING_CUSTOMER' ? t().fuStart : t().fuResume}
        </span>
      </span>
    </Show>
  );
}

const OPEN_SLOTS: readonly FollowUpAction[] = ['start', 'waiting', 'done', 'cancel'];
const slotsFor = (status: FollowUpStatus): readonly FollowUpAction[] =>
  status === 'DONE' || status === 'CANCELLED' ? actionsFor(status) : OPEN_SLOTS;

export function FollowUpList(props: FollowUpListProps) {
  return (
    <div class="table-scroll fu-scroll">
      <table class="grid-table fu-table" data-testid="followup-list">
        <thead>
          <tr>
            <th scope="col" class="cell-text">{t().colDue}</th>
            <th scope="col" class="cell-text">{t().colKind}</th>
            <th scope="col" class="cell-text">{t().colQueue}</th>
            <th scope="col" class="cell-text">{t().colContact}</th>
            <th scope="col" class="cell-text">{t().colOwner}</th>
            <th scope="col" class="cell-text">{t().colNote}</th>
            <th scope="col" class="cell-text">{t().colStatus}</th>
            <Show when={props.canWrite}>
              <th scope="col" class="cell-text fu-actions-head">{t().colActions}</th>
            </Show>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>{(row) => <FollowUpRowView row={row} {...props} />}</For>
        </tbody>
      </table>
    </div>
  );
}

function FollowUpRowView(props: FollowUpListProps & { row: FollowUpRow }) {
  const f = () => props.row;
  const [busy, setBusy] = createSignal<FollowUpAction | 'owner' | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [editing, setEditing] = createSignal(false);
  const [owner, setOwner] = createSignal('');

  const countdown = () => countdownText(countdownAt(f(), f().receivedAtMs, props.now), t());
  const when = (iso: string) => formatWhen(Date.parse(iso), props.now, props.zone, t().locale);
  /** While paused the due time moves; the clock left says more than a time that will not hold. */
  const dueLine = () => countdown().sub ?? (f().status === 'DONE' || f().status === 'CANCELLED' ? null : t().fuDueAt(when(f().dueAt)));
  const fixedWhileWaiting = () => f().status === 'WAITING_CUSTOMER' && !f().paused;

  async function send(change: FollowUpChange, what: FollowUpAction | 'owner') {
    setBusy(what);
    setError(null);
    try {
      await props.onChange(f(), change);
      if (what === 'owner') setEditing(false);
    } catch (err) {
      if (err instanceof AuthError) props.onUnauthorized();
      else setError(isForbidden(err) ? `${t().fuForbidden} ${t().serverSaid(errorText(err))}` : t().fuFailed(errorText(err)));
    } finally {
      setBusy(null);
    }
  }

  function startEditing() {
    setOwner(f().owner ?? '');
    setEditing(true);
  }

  function saveOwner(e: SubmitEvent) {
    e.preventDefault();
    const next = owner().trim();
    if (!next || next === f().owner) return setEditing(false);
    void send({ owner: next }, 'owner');
  }

  const columns = () => (props.canWrite ? 8 : 7);

  return (
    <>
      <tr
        class="fu-row"
        data-followup-id={f().id}
        data-status={f().status.toLowerCase()}
        data-tone={countdown().tone}
        data-paused={f().paused}
        aria-busy={busy() !== null}
      >
        <td class="cell-text fu-due">
          <span class="fu-countdown" data-testid="followup-countdown">
            {countdown().main}
          </span>
          <Show when={dueLine()}>
            {(line) => (
              <span class="fu-due-at" data-testid="followup-due" title={t().fuCreatedAt(when(f().createdAt))}>
                {line()}
              </span>
            )}
          </Show>
        </td>
        <td class="cell-text">
          <span class="fu-kind" data-kind={f().kind.toLowerCase()}>
            {t().fuKind[f().kind]}
          </span>
          <Show when={f().priority !== null}>
            <span class="fu-priority">P{f().priority}</span>
          </Show>
        </td>
        <td class="cell-text fu-queue">
          <Show when={f().queue} fallback={<span class="muted">–</span>}>
            {(queue) => <span>{props.queueName(queue())}</span>}
          </Show>
        </td>
        <td class="cell-text fu-contact">{f().contact ?? <span class="muted">–</span>}</td>
        <td class="cell-text fu-owner" data-testid="followup-owner">
          <Show
            when={editing()}
            fallback={
              <span class="fu-owner-view">
                <Show when={f().owner} fallback={<span class="fu-unassigned">{t().fuUnassigned}</span>}>
                  {(name) => <span class="fu-owner-name">{name()}</span>}
                </Show>
                <Show when={props.canWrite && f().status !== 'DONE' && f().status !== 'CANCELLED'}>
                  <button type="button" class="btn btn-quiet btn-small" data-testid="followup-assign" onClick={startEditing}>
                    {f().owner ? t().fuReassign : t().fuAssign}
                  </button>
                </Show>
              </span>
            }
          >
            <form class="fu-owner-form" onSubmit={saveOwner}>
              <label class="field">
                <span class="visually-hidden">{t().fuOwnerLabel(f().contact ?? f().id)}</span>
                <input
                  type="text"
                  name="owner"
                  maxlength={200}
                  placeholder={t().fuOwnerPlaceholder}
                  value={owner()}
                  ref={(el) => queueMicrotask(() => el.focus())}
                  onInput={(e) => setOwner(e.currentTarget.value)}
                  onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
                />
              </label>
              <button type="submit" class="btn btn-small" data-testid="followup-save-owner" disabled={busy() !== null}>
                {busy() === 'owner' ? t().fuSaving : t().fuSaveOwner}
              </button>
              <button type="button" class="btn btn-quiet btn-small" title={t().fuCloseEdit} aria-label={t().fuCloseEdit} onClick={() => setEditing(false)}>
                ✕
              </button>
            </form>
          </Show>
        </td>
        <td class="cell-text fu-note" title={f().note ?? undefined}>
          {f().note ?? <span class="muted">–</span>}
        </td>
        <td class="cell-text">
          <span class="fu-status" data-status={f().status.toLowerCase()} data-testid="followup-status" title={fixedWhileWaiting() ? t().fuFixedDue : undefined}>
            {t().fuStatus[f().status]}
          </span>
        </td>
        <Show when={props.canWrite}>
          <td class="cell-text fu-actions">
            {/* Every open row has the same four slots, so the buttons line up down the list; one
                that means nothing from this status keeps its place, invisible. */}
            <For each={slotsFor(f().status)}>
              {(action) => (
                <Show
                  when={actionsFor(f().status).includes(action)}
                  fallback={
                    <span class="btn btn-small fu-action fu-action-ghost" aria-hidden="true">
                      <ActionWords action={action} status={f().status} />
                    </span>
                  }
                >
                  <button
                    type="button"
                    class="btn btn-small fu-action"
                    data-action={action}
                    data-testid={`followup-${action}`}
                    disabled={busy() !== null}
                    onClick={() => void send({ status: ACTION_STATUS[action] }, action)}
                  >
                    <Show when={busy() === action} fallback={<ActionWords action={action} status={f().status} />}>
                      {t().fuSaving}
                    </Show>
                  </button>
                </Show>
              )}
            </For>
          </td>
        </Show>
      </tr>
      <Show when={error()}>
        {(message) => (
          <tr class="fu-error-row">
            <td colSpan={columns()}>
              <p class="inline-error" role="alert" data-testid="followup-error">
                ⚠ {message()}
              </p>
            </td>
          </tr>
        )}
      </Show>
    </>
  );
}
