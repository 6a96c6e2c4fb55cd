/**
 * The screen editor: a supervisor picks, from a desk, what a TV of the floor shows: views in
 * order, each an ordered list of panels (queue tiles, the agent grid, today's chart, totals),
 * the queues each panel is about, whose clock the times follow and how long each view stays.
 * Saving stores the screen on the server; every TV open at /wall/<tenant>?screen=<name> follows
 * at once. Hidden on a kiosk and from tokens that may not change the tenant's settings.
 */
import { createEffect, createSignal, For, Index, on, Show } from 'solid-js';
import { AuthError, GraphQLRequestError, query } from '../lib/graphql.ts';
import { t } from '../lib/i18n.ts';
import {
  DELETE_WALL_LAYOUT_MUTATION,
  SAVE_WALL_LAYOUT_MUTATION,
  WALL_LAYOUTS_QUERY,
  type PanelKind,
  type WallLayout,
  type WallPanel,
  type WallTimeZone,
  type WallView,
} from '../lib/wall-documents.ts';
import { copyViews, MAX_ROTATE_SECONDS, MIN_ROTATE_SECONDS, moved, SCREEN_NAME } from '../lib/wall-layout.ts';
import { InlineError } from './InlineError.tsx';

const KINDS: PanelKind[] = ['QUEUES', 'AGENTS', 'CHART', 'TOTALS'];
const NEW = '';

export interface WallLayoutEditorProps {
  tenant: string;
  queues: { id: string; name: string }[];
  /** The screen the wall shows now (null: the default views), and its views. */
  screen: string | null;
  views: readonly WallView[];
  timeZone: WallTimeZone;
  rotateSeconds: number | null;
  token(): string;
  onUnauthorized(): void;
  onSaved(name: string): void;
  onDeleted(name: string): void;
  onClose(): void;
}

export function WallLayoutEditor(props: WallLayoutEditorProps) {
  const [layouts, setLayouts] = createSignal<WallLayout[]>([]);
  const [selected, setSelected] = createSignal(props.screen ?? NEW);
  const [newName, setNewName] = createSignal('');
  const [views, setViews] = createSignal<WallView[]>(copyViews(props.views));
  const [zone, setZone] = createSignal<WallTimeZone>(props.timeZone);
  const [rotate, setRotate] = createSignal(props.rotateSeconds === null ? '' : String(props.rotateSeconds));
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);

  const fail = (err: unknown) => {
    if (err instanceof AuthError) return props.onUnauthorized();
    const message = err instanceof Error ? err.message : String(err);
    setError(/not allowed/.test(message) ? t().wall.forbidden : t().wall.failed(message));
  };

  query<{ wallLayouts: WallLayout[] }>(WALL_LAYOUTS_QUERY, { tenant: props.tenant }, props.token()).then((r) => {
    setLayouts(r.wallLayouts);
    // The wall names a screen nobody saved yet: offer to create it under that name.
    if (!r.wallLayouts.some((l) => l.name === selected())) {
      if (selected() !== NEW) setNewName(selected());
      setSelected(NEW);
    }
  }, fail);

  // Picking another saved screen loads it into the form; "new" keeps what is in the form.
  createEffect(
    on(
      [selected, layouts],
      ([name]) => {
        const l = layouts().find((x) => x.name === name);
        if (!l) return;
        setViews(copyViews(l.views));
        setZone(l.timeZone);
        setRotate(l.rotateSeconds === null ? '' : String(l.rotateSeconds));
      },
      { defer: false },
    ),
  );

  const name = () => (selected() === NEW ? newName().trim() : selected());
  const updateView = (i: number, f: (v: WallView) => WallView) => setViews((vs) => vs.map((v, j) => (j === i ? f(v) : v)));
  const updatePanel = (vi: number, pi: number, f: (p: WallPanel) => WallPanel) =>
    updateView(vi, (v) => ({ ...v, panels: v.panels.map((p, j) => (j === pi ? f(p) : p)) }));

  async function save() {
    setError(null);
    setDone(null);
    if (!SCREEN_NAME.test(name())) return setError(t().wall.screenNameInvalid);
    const r = rotate().trim();
    const rotateSeconds = r === '' ? null : Number(r);
    setBusy(true);
    try {
      const layout = { views: views().map((v) => ({ title: v.title?.trim() || null, panels: v.panels })), timeZone: zone(), rotateSeconds };
      const { saveWallLayout } = await query<{ saveWallLayout: WallLayout }>(SAVE_WALL_LAYOUT_MUTATION, { tenant: props.tenant, name: name(), layout }, props.token());
      setLayouts((ls) => [...ls.filter((l) => l.name !== saveWallLayout.name), saveWallLayout].sort((a, b) => a.name.localeCompare(b.name)));
      setSelected(saveWallLayout.name);
      setDone(t().wall.savedAt(`${window.location.origin}/wall/${encodeURIComponent(props.tenant)}?screen=${encodeURIComponent(saveWallLayout.name)}&kiosk`));
      props.onSaved(saveWallLayout.name);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    const target = selected();
    if (target === NEW) return;
    setError(null);
    setDone(null);
    setBusy(true);
    try {
      await query(DELETE_WALL_LAYOUT_MUTATION, { tenant: props.tenant, name: target }, props.token());
      setLayouts((ls) => ls.filter((l) => l.name !== target));
      setSelected(NEW);
      setDone(t().wall.deleted(target));
      props.onDeleted(target);
    } catch (err) {
      fail(err instanceof GraphQLRequestError || err instanceof AuthError ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <aside class="wall-editor" role="dialog" aria-label={t().wall.editorTitle} data-testid="wall-editor">
      <header class="we-head">
        <h2>{t().wall.editorTitle}</h2>
        <button type="button" class="btn btn-quiet" onClick={() => props.onClose()}>
          {t().wall.close}
        </button>
      </header>

      <label class="we-field">
        <span>{t().wall.screen}</span>
        <select value={selected()} onChange={(e) => setSelected(e.currentTarget.value)} data-testid="we-screen">
          <For each={layouts()}>{(l) => <option value={l.name}>{l.name}</option>}</For>
          <option value={NEW}>{t().wall.screenNew}</option>
        </select>
      </label>
      <Show when={selected() === NEW}>
        <label class="we-field">
          <span>{t().wall.screenName}</span>
          <input value={newName()} onInput={(e) => setNewName(e.currentTarget.value)} placeholder={t().wall.screenNamePlaceholder} data-testid="we-name" />
          <small>{t().wall.screenNameHint}</small>
        </label>
      </Show>

      <ol class="we-views">
        <Index each={views()}>
          {(view, vi) => (
            <li class="we-view" data-testid="we-view">
              <div class="we-view-head">
                <strong>
                  {t().wall.view} {vi + 1}
                </strong>
                <input
                  aria-label={t().wall.viewTitle}
                  placeholder={`${t().wall.viewTitle} (${t().wall.viewTitlePlaceholder})`}
                  value={view().title ?? ''}
                  onInput={(e) => updateView(vi, (v) => ({ ...v, title: e.currentTarget.value }))}
                />
                <button type="button" class="btn btn-small btn-quiet" title={t().wall.moveUp} disabled={vi === 0} onClick={() => setViews((vs) => moved(vs, vi, -1))}>
                  ↑
                </button>
                <button type="button" class="btn btn-small btn-quiet" title={t().wall.moveDown} disabled={vi === views().length - 1} onClick={() => setViews((vs) => moved(vs, vi, 1))}>
                  ↓
                </button>
                <button type="button" class="btn btn-small btn-quiet" disabled={views().length === 1} onClick={() => setViews((vs) => vs.filter((_, j) => j !== vi))}>
                  {t().wall.removeView}
                </button>
              </div>
              <ol class="we-panels">
                <Index each={view().panels}>
                  {(panel, pi) => (
                    <li class="we-panel" data-testid="we-panel">
                      <div class="we-panel-head">
                        <select
                          value={panel().kind}
                          aria-label={t().wall.panelQueues}
                          data-testid="we-kind"
                          onChange={(e) => {
                            const kind = e.currentTarget.value as PanelKind;
                            // A chart takes one queue and totals none: start those from "all".
                            updatePanel(vi, pi, (p) => ({ kind, queues: kind === 'QUEUES' || kind === 'AGENTS' ? p.queues : null }));
                          }}
                        >
                          <For each={KINDS}>{(k) => <option value={k}>{t().wall.panelKind[k]}</option>}</For>
                        </select>
                        <button type="button" class="btn btn-small btn-quiet" title={t().wall.moveUp} disabled={pi === 0} onClick={() => updateView(vi, (v) => ({ ...v, panels: moved(v.panels, pi, -1) }))}>
                          ↑
                        </button>
                        <button
                          type="button"
                          class="btn btn-small btn-quiet"
                          title={t().wall.moveDown}
                          disabled={pi === view().panels.length - 1}
                          onClick={() => updateView(vi, (v) => ({ ...v, panels: moved(v.panels, pi, 1) }))}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          class="btn btn-small btn-quiet"
                          disabled={view().panels.length === 1}
                          onClick={() => updateView(vi, (v) => ({ ...v, panels: v.panels.filter((_, j) => j !== pi) }))}
                        >
                          {t().wall.remove}
                        </button>
                      </div>
                      <Show when={panel().kind === 'QUEUES' || panel().kind === 'AGENTS'}>
                        <QueuePicker queues={props.queues} value={panel().queues} onChange={(queues) => updatePanel(vi, pi, (p) => ({ ...p, queues }))} />
                      </Show>
                      <Show when={panel().kind === 'CHART'}>
                        <label class="we-field we-inline">
                          <span>{t().wall.panelOneQueue}</span>
                          <select value={panel().queues?.[0] ?? ''} onChange={(e) => updatePanel(vi, pi, (p) => ({ ...p, queues: e.currentTarget.value ? [e.currentTarget.value] : null }))}>
                            <option value="">{t().allQueues}</option>
                            <For each={props.queues}>{(q) => <option value={q.id}>{q.name}</option>}</For>
                          </select>
                        </label>
                      </Show>
                    </li>
                  )}
                </Index>
              </ol>
              <button type="button" class="btn btn-small" onClick={() => updateView(vi, (v) => ({ ...v, panels: [...v.panels, { kind: 'AGENTS', queues: null }] }))}>
                + {t().wall.addPanel}
              </button>
            </li>
          )}
        </Index>
      </ol>
      <button type="button" class="btn btn-small" data-testid="we-add-view" onClick={() => setViews((vs) => [...vs, { title: null, panels: [{ kind: 'QUEUES', queues: null }] }])}>
        + {t().wall.addView}
      </button>

      <fieldset class="we-field we-zone">
        <legend>{t().wall.times}</legend>
        <For each={['TENANT', 'VIEWER'] as WallTimeZone[]}>
          {(z) => (
            <label class="we-radio">
              <input type="radio" name="we-zone" value={z} checked={zone() === z} onChange={() => setZone(z)} />
              {t().wall.zone[z]}
            </label>
          )}
        </For>
      </fieldset>
      <label class="we-field">
        <span>{t().wall.rotateEvery}</span>
        <input type="number" min={MIN_ROTATE_SECONDS} max={MAX_ROTATE_SECONDS} value={rotate()} onInput={(e) => setRotate(e.currentTarget.value)} data-testid="we-rotate" />
        <small>{t().wall.rotateHint}</small>
      </label>

      <footer class="we-foot">
        <button type="button" class="btn" disabled={busy()} onClick={() => void save()} data-testid="we-save">
          {busy() ? t().wall.saving : t().wall.save}
        </button>
        <Show when={selected() !== NEW}>
          <button type="button" class="btn btn-quiet" disabled={busy()} onClick={() => void remove()} data-testid="we-delete">
            {t().wall.deleteScreen}
          </button>
        </Show>
      </footer>
      <InlineError message={error()} testId="we-error" />
      <Show when={done()}>
        <p class="we-done" role="status" data-testid="we-done">
          {done()}
        </p>
      </Show>
    </aside>
  );
}

/** "All queues", or some of them: the panel's queues as checkboxes. */
function QueuePicker(props: { queues: { id: string; name: string }[]; value: string[] | null; onChange(queues: string[] | null): void }) {
  const all = () => props.value === null;
  const has = (id: string) => props.value?.includes(id) ?? false;
  return (
    <div class="we-queues" role="group" aria-label={t().wall.panelQueues}>
      <label class="we-check">
        <input type="checkbox" checked={all()} onChange={(e) => props.onChange(e.currentTarget.checked ? null : [])} />
        {t().allQueues}
      </label>
      <For each={props.queues}>
        {(q) => (
          <label class="we-check" data-queue={q.id}>
            <input
              type="checkbox"
              disabled={all()}
              checked={all() || has(q.id)}
              onChange={(e) => {
                const current = props.value ?? [];
                props.onChange(e.currentTarget.checked ? [...current, q.id] : current.filter((x) => x !== q.id));
              }}
            />
            {q.name}
          </label>
        )}
      </For>
    </div>
  );
}
