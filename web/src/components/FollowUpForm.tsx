/**
 * A new follow-up: what kind, for which queue and contact, who has it, a note, and optionally
 * when it is due, as a wall-clock time in the tenant's zone (empty: the tenant's policy sets it,
 * on its business-hours calendar when the policy says so).
 */
import { createSignal, For } from 'solid-js';
import { errorText, isForbidden } from '../lib/alert-actions.ts';
import { createFollowUp } from '../lib/followup-actions.ts';
import { dueInputToIso } from '../lib/followup-view.ts';
import { AuthError } from '../lib/graphql.ts';
import { t } from '../lib/i18n.ts';
import { FOLLOW_UP_KINDS, type FollowUp, type FollowUpKind } from '../lib/types.ts';
import { InlineError } from './InlineError.tsx';

export interface FollowUpFormProps {
  tenant: string;
  zone: string;
  queues: readonly { id: string; name: string }[];
  /** The queue the list is filtered on: a new follow-up is most likely for it. */
  defaultQueue?: string | null;
  token: () => string;
  onCreated(f: FollowUp): void;
  onClose(): void;
  onUnauthorized(): void;
}

export function FollowUpForm(props: FollowUpFormProps) {
  const [kind, setKind] = createSignal<FollowUpKind>('CALLBACK');
  const [queue, setQueue] = createSignal(props.defaultQueue ?? '');
  const [contact, setContact] = createSignal('');
  const [owner, setOwner] = createSignal('');
  const [note, setNote] = createSignal('');
  const [due, setDue] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const dueAt = dueInputToIso(due(), props.zone);
    if (dueAt === undefined) return setError(t().fuDueInvalid);
    setBusy(true);
    setError(null);
    try {
      const created = await createFollowUp(
        { tenant: props.tenant, kind: kind(), queue: queue() || null, contact: contact(), owner: owner(), note: note(), dueAt },
        props.token(),
      );
      props.onCreated(created);
      props.onClose();
    } catch (err) {
      if (err instanceof AuthError) props.onUnauthorized();
      else setError(isForbidden(err) ? `${t().fuForbidden} ${t().serverSaid(errorText(err))}` : t().fuFailed(errorText(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="fu-new" id="fu-new" aria-labelledby="fu-new-title" data-testid="followup-new">
      <h3 class="visually-hidden" id="fu-new-title">
        {t().fuNew}
      </h3>
      <form class="fu-form" onSubmit={submit}>
        <div class="fu-field fu-field-kind">
          <span>{t().colKind}</span>
          <div class="segmented fu-kinds" role="group" aria-label={t().colKind}>
            <For each={FOLLOW_UP_KINDS}>
              {(k) => (
                <button type="button" data-kind={k.toLowerCase()} aria-pressed={kind() === k} onClick={() => setKind(k)}>
                  {t().fuKind[k]}
                </button>
              )}
            </For>
          </div>
        </div>
        <label class="field fu-field">
          <span>{t().fuFilterQueue}</span>
          <select name="queue" value={queue()} onChange={(e) => setQueue(e.currentTarget.value)}>
            <option value="">{t().fuNoQueue}</option>
            <For each={props.queues}>{(q) => <option value={q.id}>{q.name}</option>}</For>
          </select>
        </label>
        <label class="field fu-field">
          <span>{t().colContact}</span>
          <input type="text" name="contact" maxlength={200} placeholder={t().fuContactPlaceholder} value={contact()} onInput={(e) => setContact(e.currentTarget.value)} />
        </label>
        <label class="field fu-field">
          <span>{t().colOwner}</span>
          <input type="text" name="owner" maxlength={200} placeholder={t().fuOwnerNewPlaceholder} value={owner()} onInput={(e) => setOwner(e.currentTarget.value)} />
        </label>
        <label class="field fu-field">
          <span>{t().fuDueOptional}</span>
          <input type="datetime-local" name="dueAt" value={due()} onInput={(e) => setDue(e.currentTarget.value)} />
        </label>
        <label class="field fu-field fu-field-note">
          <span>{t().colNote}</span>
          <input type="text" name="note" maxlength={4000} placeholder={t().fuNotePlaceholder} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <div class="fu-form-foot">
          <small class="fu-hint">{t().fuDueHint(props.zone)}</small>
          <InlineError message={error()} testId="followup-create-error" />
          <button type="button" class="btn btn-quiet" onClick={() => props.onClose()}>
            {t().fuCloseEdit}
          </button>
          <button type="submit" class="btn fu-create" data-testid="followup-create" disabled={busy()}>
            {busy() ? t().fuCreating : t().fuCreate}
          </button>
        </div>
      </form>
    </section>
  );
}
