/**
 * The supervisor's Embeds tab (`/supervisor/:tenant?view=embeds`): a client account's dashboard
 * links for its own portal. A form makes a new one (queues, views, the client's logo and
 * colours with a live preview, how long it lives); its link and iframe snippet are shown once,
 * since the server keeps only the key's hash, and nothing here keeps them either (no URL, no
 * storage): "Done" forgets them. Beside it the sites allowed to frame the dashboards
 * (the tenant's embedOrigins) and the links made so far, each revocable.
 */
import { createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { errorText, isForbidden } from '../lib/alert-actions.ts';
import { themeStyle } from '../lib/embed.ts';
import {
  COLOUR_KEYS,
  createEmbed,
  createInput,
  EMBED_VIEWS,
  emptyForm,
  formProblems,
  formTheme,
  iframeSnippet,
  loadEmbeds,
  MAX_EMBED_DAYS,
  parseOrigins,
  revokeEmbed,
  saveEmbedOrigins,
  toggled,
  VALIDITIES,
  withoutFieldPath,
  type ColourKey,
  type CreatedEmbed,
  type EmbedForm,
  type EmbedsState,
  type EmbedTokenInfo,
  type FormProblem,
} from '../lib/embeds-admin.ts';
import { AuthError } from '../lib/graphql.ts';
import { t } from '../lib/i18n.ts';
import type { Tenant } from '../lib/types.ts';
import { formatWhen } from '../lib/when.ts';
import { InlineError } from './InlineError.tsx';
import '../embeds-admin.css';
import { TenantPicker } from './TenantPicker.tsx';

export interface EmbedsPanelProps {
  /** The page's tenant, or null: the caller picks one of `tenants`. */
  tenant: string | null;
  tenants: Tenant[];
  now: number;
  token(): string;
  onPickTenant(id: string): void;
  onUnauthorized(): void;
}

const m = () => t().embeds;

export function EmbedsPanel(props: EmbedsPanelProps) {
  return (
    <div class="em-section" data-testid="embeds">
      <Show
        when={props.tenant}
        keyed
        fallback={
          <TenantPicker title={m().title} hint={m().pickTenant} tenants={props.tenants} detail={(tn) => tn.id} onPick={props.onPickTenant} testId="embeds-tenant-picker" />
        }
      >
        {(tenant) => <TenantEmbeds tenant={tenant} now={props.now} token={props.token} onUnauthorized={props.onUnauthorized} />}
      </Show>
    </div>
  );
}

function TenantEmbeds(props: { tenant: string; now: number; token(): string; onUnauthorized(): void }) {
  const [state, setState] = createSignal<EmbedsState | null>(null);
  const [loadError, setLoadError] = createSignal<string | null>(null);
  const [created, setCreated] = createSignal<CreatedEmbed | null>(null);
  const aborter = new AbortController();
  onCleanup(() => aborter.abort());

  /** A failure's words for the user, or null once a refused token is handed to the page. */
  const failure = (err: unknown, wrap: (message: string) => string): string | null => {
    if (err instanceof AuthError) {
      props.onUnauthorized();
      return null;
    }
    return isForbidden(err) ? m().forbidden : wrap(withoutFieldPath(errorText(err)));
  };

  async function reload() {
    try {
      setState(await loadEmbeds(props.tenant, props.token(), aborter.signal));
      setLoadError(null);
    } catch (err) {
      if (!aborter.signal.aborted) setLoadError(failure(err, m().loadFailed));
    }
  }
  void reload();

  return (
    <>
      <InlineError message={loadError()} testId="embeds-load-error" />
      <Show when={state()} fallback={<Show when={!loadError()}><p class="table-empty">{t().loading}</p></Show>}>
        {(s) => (
          <div class="em-grid">
            <section class="panel em-new" aria-labelledby="em-new-title">
              <h2 class="panel-title" id="em-new-title">
                {created() ? m().title : m().newTitle}
              </h2>
              <p class="em-intro muted">{m().intro}</p>
              <Show
                when={created()}
                keyed
                fallback={
                  <NewEmbedForm
                    tenant={props.tenant}
                    tenantName={s().tenantName}
                    queues={s().queues}
                    token={props.token}
                    failure={failure}
                    onCreated={(c) => {
                      setCreated(c);
                      void reload();
                    }}
                  />
                }
              >
                {(c) => <CreatedLink created={c} tenantName={s().tenantName} zone={s().timeZone} framed={s().embedOrigins.length > 0} onDone={() => setCreated(null)} />}
              </Show>
            </section>
            <div class="em-side">
              <OriginsEditor tenant={props.tenant} saved={s().embedOrigins} token={props.token} failure={failure} onSaved={(o) => setState({ ...s(), embedOrigins: o })} />
              <TokenList state={s()} now={props.now} token={props.token} failure={failure} reload={reload} />
            </div>
          </div>
        )}
      </Show>
    </>
  );
}

type Failure = (err: unknown, wrap: (message: string) => string) => string | null;

// ---------- the form ----------

function NewEmbedForm(props: {
  tenant: string;
  tenantName: string;
  queues: { id: string; name: string }[];
  token(): string;
  failure: Failure;
  onCreated(c: CreatedEmbed): void;
}) {
  const [form, setForm] = createSignal<EmbedForm>(emptyForm());
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const set = (patch: Partial<EmbedForm>) => setForm({ ...form(), ...patch });
  const setColour = (k: ColourKey, v: string) => set({ colours: { ...form().colours, [k]: v } });
  const problems = createMemo(() => new Set(formProblems(form())));
  const has = (p: FormProblem) => problems().has(p);
  // The theme exactly as the embed page will apply it (lib/embed.ts), so the swatch cannot lie.
  const preview = createMemo(() => themeStyle(formTheme(form())));
  const textReplaced = () => form().customColours && has('text') === false && preview().vars['--text'] !== form().colours.text.trim().toLowerCase();

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const r = createInput(props.tenant, form());
    if ('problems' in r) return;
    setBusy(true);
    setError(null);
    try {
      props.onCreated(await createEmbed(r.input, props.token()));
    } catch (err) {
      setError(props.failure(err, m().createFailed));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="em-form" onSubmit={submit} data-testid="embed-form" novalidate>
      <label class="field em-field">
        <span>{m().name}</span>
        <input type="text" name="name" maxlength={200} placeholder={m().namePlaceholder(props.tenant)} value={form().name} onInput={(e) => set({ name: e.currentTarget.value })} />
      </label>

      <fieldset class="em-fieldset" data-testid="embed-queues">
        <legend>{m().queues}</legend>
        <Show when={props.queues.length > 0} fallback={<p class="muted em-hint">{m().noQueues}</p>}>
          <div class="em-checks">
            <For each={props.queues}>
              {(q) => (
                <label class="em-check">
                  <input type="checkbox" name="queue" value={q.id} checked={form().queues.includes(q.id)} onChange={(e) => set({ queues: toggled(form().queues, q.id, e.currentTarget.checked) })} />
                  {q.name}
                </label>
              )}
            </For>
          </div>
        </Show>
        <small class="em-hint">{m().queuesHint}</small>
      </fieldset>

      <fieldset class="em-fieldset" data-testid="embed-views">
        <legend>{m().views}</legend>
        <div class="em-checks">
          <For each={EMBED_VIEWS}>
            {(v) => (
              <label class="em-check">
                <input type="checkbox" name="view" value={v} checked={form().views.includes(v)} onChange={(e) => set({ views: toggled(form().views, v, e.currentTarget.checked) })} />
                {m().view[v]}
              </label>
            )}
          </For>
        </div>
        <Show when={has('views')}>
          <small class="em-invalid" role="alert">{m().viewsNeeded}</small>
        </Show>
      </fieldset>

      <fieldset class="em-fieldset em-look" data-testid="embed-look">
        <legend>{m().look}</legend>
        <label class="field em-field">
          <span>{m().logoUrl}</span>
          <input
            type="url"
            name="logoUrl"
            maxlength={2048}
            placeholder="https://client.example.com/logo.svg"
            value={form().logoUrl}
            aria-invalid={has('logoUrl')}
            onInput={(e) => set({ logoUrl: e.currentTarget.value })}
          />
        </label>
        <Show when={has('logoUrl')}>
          <small class="em-invalid" role="alert" data-testid="embed-logo-invalid">
            {m().logoInvalid}
          </small>
        </Show>
        <label class="em-check">
          <input type="checkbox" name="customColours" checked={form().customColours} onChange={(e) => set({ customColours: e.currentTarget.checked })} />
          {m().customColours}
        </label>
        <div class="em-colours" data-disabled={!form().customColours}>
          <For each={COLOUR_KEYS}>
            {(k) => (
              <div class="em-colour">
                <span class="em-colour-label">{m().colour[k]}</span>
                <input
                  type="color"
                  name={`${k}-picker`}
                  aria-label={m().colour[k]}
                  disabled={!form().customColours}
                  value={has(k) ? '#000000' : expandHex(form().colours[k])}
                  onInput={(e) => setColour(k, e.currentTarget.value)}
                />
                <input
                  type="text"
                  name={k}
                  class="em-hex"
                  maxlength={7}
                  spellcheck={false}
                  aria-label={m().colour[k]}
                  aria-invalid={has(k)}
                  disabled={!form().customColours}
                  value={form().colours[k]}
                  onInput={(e) => setColour(k, e.currentTarget.value)}
                />
              </div>
            )}
          </For>
        </div>
        <Show when={COLOUR_KEYS.some(has)}>
          <small class="em-invalid" role="alert">
            {m().colourInvalid}
          </small>
        </Show>
        <div class="em-preview" aria-label={m().preview} data-testid="embed-preview" style={preview().vars} data-tone={preview().tone} data-custom={form().customColours}>
          <div class="em-preview-top">
            <Show when={preview().logoUrl}>{(src) => <img src={src()} alt="" referrerpolicy="no-referrer" />}</Show>
            <strong>{props.tenantName}</strong>
          </div>
          <div class="em-preview-body">
            <span class="em-preview-tile">
              <small>{m().previewQueue}</small>
              <b>3</b>
            </span>
            <span class="muted">{m().preview}</span>
          </div>
        </div>
        <Show when={textReplaced()}>
          <small class="em-hint" data-testid="embed-text-replaced">
            {m().textReplaced}
          </small>
        </Show>
      </fieldset>

      <fieldset class="em-fieldset" data-testid="embed-validity">
        <legend>{m().validity}</legend>
        <div class="em-checks">
          <div class="segmented" role="group" aria-label={m().validity}>
            <For each={VALIDITIES}>
              {(v) => (
                <button type="button" data-validity={v} aria-pressed={form().validity === v} onClick={() => set({ validity: v })}>
                  {m().validityOption[v]}
                </button>
              )}
            </For>
          </div>
          <Show when={form().validity === 'custom'}>
            <label class="field em-days">
              <span>{m().customDays}</span>
              <input type="number" name="days" min={1} max={MAX_EMBED_DAYS} step={1} inputmode="numeric" value={form().customDays} aria-invalid={has('days')} onInput={(e) => set({ customDays: e.currentTarget.value })} />
            </label>
          </Show>
        </div>
        <Show when={has('days')}>
          <small class="em-invalid" role="alert">
            {m().daysInvalid(MAX_EMBED_DAYS)}
          </small>
        </Show>
      </fieldset>

      <div class="em-foot">
        <InlineError message={error()} testId="embed-create-error" />
        <button type="submit" class="btn" data-testid="embed-create" disabled={busy() || problems().size > 0}>
          {busy() ? m().creating : m().create}
        </button>
      </div>
    </form>
  );
}

/** `<input type="color">` takes #rrggbb only. */
function expandHex(hex: string): string {
  const h = hex.trim().toLowerCase();
  return /^#[0-9a-f]{3}$/.test(h) ? `#${[...h.slice(1)].map((c) => c + c).join('')}` : h;
}

// ---------- the link, once ----------

function CreatedLink(props: { created: CreatedEmbed; tenantName: string; zone: string; framed: boolean; onDone(): void }) {
  const snippet = iframeSnippet(props.created.url, t().embed.title(props.tenantName));
  const expires = new Intl.DateTimeFormat(t().locale, { timeZone: props.zone, dateStyle: 'medium' }).format(Date.parse(props.created.expiresAt));
  return (
    <div class="em-created" data-testid="embed-created" role="status">
      <h3 class="em-created-title">{m().createdTitle(props.created.name)}</h3>
      <p class="em-once" data-testid="embed-once-note">
        <strong aria-hidden="true">⚠ </strong>
        {m().onceNote}
      </p>
      <CopyField label={m().url} value={props.created.url} testId="embed-url" />
      <CopyField label={m().snippet} value={snippet} testId="embed-snippet" multiline />
      <p class="em-created-foot">
        <a class="btn btn-quiet" href={props.created.url} target="_blank" rel="noopener noreferrer" data-testid="embed-preview-link">
          {m().openPreview} ↗
        </a>
        <span class="muted">{m().expiresOn(expires)}</span>
      </p>
      <Show when={!props.framed}>
        <p class="em-hint" data-testid="embed-no-origins">
          {m().noOriginsYet}
        </p>
      </Show>
      <button type="button" class="btn" data-testid="embed-done" onClick={() => props.onDone()}>
        {m().done}
      </button>
    </div>
  );
}

function CopyField(props: { label: string; value: string; testId: string; multiline?: boolean }) {
  const [said, setSaid] = createSignal<string | null>(null);
  let el: HTMLInputElement | HTMLTextAreaElement | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  async function copy() {
    el?.select();
    let ok = false;
    try {
      await navigator.clipboard.writeText(props.value);
      ok = true;
    } catch {
      // No clipboard API here (an insecure origin, a denied permission): the selection may still copy.
      try {
        ok = document.execCommand('copy');
      } catch {
        ok = false;
      }
    }
    setSaid(ok ? m().copied : m().copyFailed);
    clearTimeout(timer);
    timer = setTimeout(() => setSaid(null), 4000);
  }
  return (
    <div class="em-copy">
      <span class="em-copy-label">{props.label}</span>
      <div class="em-copy-row">
        <Show
          when={props.multiline}
          fallback={<input ref={(x) => (el = x)} type="text" readOnly value={props.value} data-testid={props.testId} onFocus={(e) => e.currentTarget.select()} />}
        >
          <textarea ref={(x) => (el = x)} readOnly rows={5} value={props.value} data-testid={props.testId} spellcheck={false} onFocus={(e) => e.currentTarget.select()} />
        </Show>
        <button type="button" class="btn btn-small" data-testid={`${props.testId}-copy`} onClick={() => void copy()}>
          {m().copy}
        </button>
      </div>
      <small class="em-copied" role="status" data-testid={`${props.testId}-copied`}>
        {said() ?? ''}
      </small>
    </div>
  );
}

// ---------- allowed sites ----------

function OriginsEditor(props: { tenant: string; saved: string[]; token(): string; failure: Failure; onSaved(origins: string[]): void }) {
  const [text, setText] = createSignal(props.saved.join('\n'));
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);

  async function save(e: SubmitEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const saved = await saveEmbedOrigins(props.tenant, parseOrigins(text()), props.token());
      setText(saved.join('\n'));
      setDone(m().originsSaved(saved.length));
      props.onSaved(saved);
    } catch (err) {
      setError(props.failure(err, m().originsFailed));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel em-origins" aria-labelledby="em-origins-title" data-testid="embed-origins">
      <h2 class="panel-title" id="em-origins-title">
        {m().originsTitle}
      </h2>
      <form onSubmit={save} class="em-origins-form">
        <label class="field em-field">
          <span class="visually-hidden">{m().originsTitle}</span>
          <textarea
            name="origins"
            rows={3}
            spellcheck={false}
            placeholder="https://portal.client.example"
            value={text()}
            aria-invalid={error() !== null}
            aria-describedby="em-origins-hint"
            onInput={(e) => {
              setText(e.currentTarget.value);
              setDone(null);
            }}
          />
        </label>
        <small class="em-hint" id="em-origins-hint">
          {m().originsHint}
        </small>
        <InlineError message={error()} testId="embed-origins-error" />
        <div class="em-foot">
          <span class="muted" role="status" data-testid="embed-origins-saved">
            {done() ?? ''}
          </span>
          <button type="submit" class="btn" data-testid="embed-origins-save" disabled={busy()}>
            {busy() ? m().saving : m().originsSave}
          </button>
        </div>
      </form>
    </section>
  );
}

// ---------- the links made so far ----------

function TokenList(props: { state: EmbedsState; now: number; token(): string; failure: Failure; reload(): Promise<void> }) {
  const [confirming, setConfirming] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const zone = () => props.state.timeZone;
  const queueName = (id: string) => props.state.queues.find((q) => q.id === id)?.name ?? id;
  const when = (iso: string) => formatWhen(Date.parse(iso), props.now, zone(), t().locale);
  const day = (iso: string) => new Intl.DateTimeFormat(t().locale, { timeZone: zone(), dateStyle: 'medium' }).format(Date.parse(iso));

  async function revoke(x: EmbedTokenInfo) {
    setBusy(true);
    setError(null);
    try {
      await revokeEmbed(x.id, props.token());
      setConfirming(null);
      setDone(m().revoked(x.name));
      await props.reload();
    } catch (err) {
      setError(props.failure(err, m().revokeFailed));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel em-list" aria-labelledby="em-list-title" data-testid="embed-list">
      <h2 class="panel-title" id="em-list-title">
        {m().listTitle}
      </h2>
      <InlineError message={error()} testId="embed-revoke-error" />
      <Show when={done()}>
        <p class="muted em-done" role="status" data-testid="embed-revoked">
          {done()}
        </p>
      </Show>
      <Show when={props.state.tokens.length > 0} fallback={<p class="table-empty">{m().listEmpty}</p>}>
        <table class="grid-table em-table">
          <thead>
            <tr>
              <th scope="col">{m().colName}</th>
              <th scope="col">{m().colQueues}</th>
              <th scope="col">{m().colViews}</th>
              <th scope="col">{m().colCreated}</th>
              <th scope="col">{m().colExpires}</th>
              <th scope="col">{m().colStatus}</th>
              <th scope="col">
                <span class="visually-hidden">{m().revoke}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.state.tokens}>
              {(x) => (
                <tr data-testid="embed-row" data-id={x.id} data-expired={x.expired}>
                  <th scope="row" class="em-name">
                    {x.name}
                  </th>
                  <td data-col="queues">{x.queues === null ? t().allQueues : x.queues.map(queueName).join(', ')}</td>
                  <td data-col="views">{x.views.map((v) => m().view[v]).join(' · ')}</td>
                  <td data-col="created">
                    {when(x.createdAt)} <small class="muted">{m().createdBy(x.createdBy)}</small>
                  </td>
                  <td data-col="expires">{day(x.expiresAt)}</td>
                  <td data-col="status">
                    <span class="em-pill" data-expired={x.expired}>
                      {x.expired ? m().expired : m().active}
                    </span>
                  </td>
                  <td class="em-actions">
                    <Show
                      when={confirming() === x.id}
                      fallback={
                        <button type="button" class="btn btn-quiet btn-small" data-testid="embed-revoke" onClick={() => (setConfirming(x.id), setDone(null))}>
                          {m().revoke}
                        </button>
                      }
                    >
                      <span class="em-confirm" role="alertdialog" aria-label={m().revokeConfirm(x.name)}>
                        <span>{m().revokeConfirm(x.name)}</span>
                        <button type="button" class="btn btn-small em-danger" data-testid="embed-revoke-confirm" disabled={busy()} onClick={() => void revoke(x)}>
                          {m().revokeYes}
                        </button>
                        <button type="button" class="btn btn-quiet btn-small" data-testid="embed-revoke-cancel" onClick={() => setConfirming(null)}>
                          {m().cancel}
                        </button>
                      </span>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
