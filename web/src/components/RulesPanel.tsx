/**
 * The rules in force, compactly, with a switch each. Switching upserts the rule with every field
 * as it is and `enabled` flipped; the server's answer replaces the row. Rules are re-read each
 * minute, since another supervisor may change them.
 */
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { errorText, isForbidden, setRuleEnabled } from '../lib/alert-actions.ts';
import { conditionWords, ruleTimingWords } from '../lib/alert-text.ts';
import { ALERT_RULES_QUERY } from '../lib/documents.ts';
import { AuthError, query } from '../lib/graphql.ts';
import { t } from '../lib/i18n.ts';
import type { AlertRule } from '../lib/types.ts';
import { SeverityPill } from './AlertBits.tsx';
import { InlineError } from './InlineError.tsx';

const REFRESH_EVERY_MS = 60_000;

export interface RulesPanelProps {
  /** Tenants whose rules to show; empty until known. */
  tenants: string[];
  tenantName(tenant: string): string;
  queueName(tenant: string, queue: string): string;
  token: () => string;
  onUnauthorized(): void;
}

const ruleKey = (r: Pick<AlertRule, 'tenant' | 'id'>) => `${r.tenant}/${r.id}`;

export function RulesPanel(props: RulesPanelProps) {
  const [rules, setRules] = createStore<Record<string, AlertRule>>({});
  const [loadError, setLoadError] = createSignal<string | null>(null);
  const [rowErrors, setRowErrors] = createStore<Record<string, string | undefined>>({});
  const [busy, setBusy] = createStore<Record<string, boolean | undefined>>({});
  let aborter: AbortController | undefined;

  async function load(tenants: string[]) {
    aborter?.abort();
    const ctl = new AbortController();
    aborter = ctl;
    try {
      const lists = await Promise.all(
        tenants.map((tenant) => query<{ alertRules: AlertRule[] }>(ALERT_RULES_QUERY, { tenant }, props.token(), ctl.signal)),
      );
      if (ctl.signal.aborted) return;
      setRules(reconcile(Object.fromEntries(lists.flatMap((l) => l.alertRules).map((r) => [ruleKey(r), r]))));
      setLoadError(null);
    } catch (err) {
      if (ctl.signal.aborted) return;
      if (err instanceof AuthError) props.onUnauthorized();
      else setLoadError(t().loadFailed(errorText(err)));
    }
  }

  createEffect(on(() => props.tenants.join('\n'), () => void load(props.tenants)));
  const timer = setInterval(() => void load(props.tenants), REFRESH_EVERY_MS);
  onCleanup(() => {
    clearInterval(timer);
    aborter?.abort();
  });

  async function toggle(rule: AlertRule) {
    const key = ruleKey(rule);
    setBusy(key, true);
    setRowErrors(key, undefined);
    try {
      // An overridden default comes back under the same id, so the row is replaced in place.
      setRules(key, reconcile(await setRuleEnabled(rule, !rule.enabled, props.token())));
    } catch (err) {
      if (err instanceof AuthError) props.onUnauthorized();
      else setRowErrors(key, isForbidden(err) ? `${t().rulesForbidden} ${t().serverSaid(errorText(err))}` : t().ruleFailed(errorText(err)));
    } finally {
      setBusy(key, false);
    }
  }

  /** Tenant, then queue name (tenant-wide rules first), then metric: the order of the wall. */
  const sorted = createMemo(() =>
    Object.values(rules).sort(
      (a, b) =>
        props.tenantName(a.tenant).localeCompare(props.tenantName(b.tenant)) ||
        (a.queue === null ? -1 : 0) - (b.queue === null ? -1 : 0) ||
        (a.queue && b.queue ? props.queueName(a.tenant, a.queue).localeCompare(props.queueName(b.tenant, b.queue)) : 0) ||
        a.metric.localeCompare(b.metric) ||
        a.id.localeCompare(b.id),
    ),
  );
  const severalTenants = () => props.tenants.length > 1;

  return (
    <section class="panel sup-rules" aria-labelledby="rules-title" data-testid="rules">
      <h2 class="panel-title" id="rules-title">
        {t().rulesInForce}
      </h2>
      <InlineError message={loadError()} />
      <Show when={sorted().length > 0} fallback={<p class="table-empty">{loadError() ? '' : t().noRules}</p>}>
        <table class="grid-table rules-table">
          <thead>
            <tr>
              <th scope="col">{t().colQueue}</th>
              <th scope="col">{t().colAlert}</th>
              <th scope="col">{t().colSeverity}</th>
              <th scope="col">{t().colEnabled}</th>
            </tr>
          </thead>
          <tbody>
            <For each={sorted()}>
              {(rule) => {
                const key = ruleKey(rule);
                const words = () => conditionWords(rule, t());
                return (
                  <>
                    <tr data-rule-id={rule.id} data-enabled={rule.enabled}>
                      <th scope="row">
                        <Show when={severalTenants()}>
                          <span class="muted">{props.tenantName(rule.tenant)} · </span>
                        </Show>
                        {rule.queue === null ? t().allQueues : props.queueName(rule.tenant, rule.queue)}
                      </th>
                      <td class="rule-words">
                        <span class="rule-condition">{words()}</span>
                        <span class="rule-timing">
                          {ruleTimingWords(rule, t())}
                          <Show when={rule.isDefault}>
                            <span class="rule-default">{t().ruleDefault}</span>
                          </Show>
                        </span>
                      </td>
                      <td>
                        <SeverityPill severity={rule.severity} />
                      </td>
                      <td>
                        <button
                          type="button"
                          class="switch"
                          role="switch"
                          aria-checked={rule.enabled}
                          aria-label={t().ruleToggle(rule.enabled, words())}
                          disabled={busy[key] === true}
                          data-testid="rule-toggle"
                          onClick={() => void toggle(rule)}
                        >
                          <span class="switch-track" aria-hidden="true">
                            <span class="switch-knob" />
                          </span>
                          <span class="switch-label">{rule.enabled ? t().ruleOn : t().ruleOff}</span>
                        </button>
                      </td>
                    </tr>
                    <Show when={rowErrors[key]}>
                      {(message) => (
                        <tr class="rule-error">
                          <td colSpan={4}>
                            <p class="inline-error" role="alert" data-testid="rule-error">
                              ⚠ {message()}
                            </p>
                          </td>
                        </tr>
                      )}
                    </Show>
                  </>
                );
              }}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
