/**
 * The wall's staffing gap: one line under the header, "Staffing ▼ Billing 12 of 14 needed (−2)
 * · Claims 5 of 8 needed (−3) · +9 staffed as needed". The requirement of the current 15-minute
 * interval comes from the server's staffingNow (polled each minute; the server computes it once
 * per interval); the staffed count is the wall's own live agent count, so it moves with the
 * tiles. Short queues come first, most short first, in amber or red and always in words; the
 * line never wraps, so it takes one row whatever the number of queues, and the tiles below
 * shrink by that row instead of growing. It shows only for queues with a forecast requirement
 * now, so a wall without history (or a server without staffingNow) looks as it did.
 */
import { createEffect, createMemo, createSignal, Index, on, onCleanup, onMount, Show } from 'solid-js';
import { AuthError, GraphQLRequestError, query } from '../lib/graphql.ts';
import { STAFFING_NOW_QUERY, type QueueStaffingNow } from '../lib/planner-api.ts';
import { tp } from '../lib/planner-i18n.ts';
import { gapEntries, isMissingField, signed, type GapLevel } from '../lib/planner.ts';
import '../staffing-gap.css';

/** How often the requirement is re-read, and how old it may get before the line is dropped. */
const POLL_MS = 60_000;
const MAX_AGE_MS = 5 * 60_000;

export interface StaffingGapTileProps {
  /** The tenants on the wall. */
  tenants: readonly string[];
  /** Agents available, busy or in wrap-up now, from the live board; undefined if not on it. */
  staffed(tenant: string, queue: string): number | undefined;
  queueName(tenant: string, queue: string): string;
  /** Given when several tenants share the wall: names are prefixed with the tenant's. */
  tenantName?: ((tenant: string) => string) | undefined;
  token(): string;
  onUnauthorized(): void;
  now: number;
}

export function StaffingGapTile(props: StaffingGapTileProps) {
  const [rows, setRows] = createSignal(new Map<string, { rows: QueueStaffingNow[]; atMs: number }>());
  const [unsupported, setUnsupported] = createSignal(false);
  let aborter: AbortController | null = null;

  async function poll() {
    if (unsupported()) return;
    aborter?.abort();
    const ctl = new AbortController();
    aborter = ctl;
    const tenants = [...props.tenants];
    const results = await Promise.all(
      tenants.map((tenant) =>
        query<{ staffingNow: QueueStaffingNow[] }>(STAFFING_NOW_QUERY, { tenant }, props.token(), ctl.signal).then(
          (r) => ({ tenant, rows: r.staffingNow }),
          (err: unknown) => ({ tenant, err }),
        ),
      ),
    );
    if (ctl.signal.aborted) return;
    const next = new Map(rows());
    for (const tenant of [...next.keys()]) if (!tenants.includes(tenant)) next.delete(tenant);
    for (const r of results) {
      if ('rows' in r) next.set(r.tenant, { rows: r.rows, atMs: Date.now() });
      else if (r.err instanceof AuthError) props.onUnauthorized();
      else if (r.err instanceof GraphQLRequestError && isMissingField(r.err.message, 'staffingNow')) setUnsupported(true);
      // Anything else (a tenant this token may not plan for, a hiccup): keep what we had; it
      // ages out after MAX_AGE_MS rather than standing on the wall as if current.
    }
    setRows(next);
  }

  // By value: the wall hands over a new list whenever its queues change.
  const tenantKey = createMemo(() => props.tenants.join('\n'));
  createEffect(on(tenantKey, () => void poll()));
  const timer = setInterval(() => void poll(), POLL_MS);
  onCleanup(() => {
    clearInterval(timer);
    aborter?.abort();
  });

  /** Requirements young enough to show; re-judged every 15 s, not on every tick of the clock. */
  const ageTick = createMemo(() => Math.floor(props.now / 15_000));
  const entries = createMemo(() => {
    ageTick();
    const now = Date.now();
    const fresh = new Map<string, QueueStaffingNow[]>();
    for (const [tenant, r] of rows()) if (now - r.atMs < MAX_AGE_MS) fresh.set(tenant, r.rows);
    return gapEntries(fresh, (tenant, queue) => props.staffed(tenant, queue), (tenant, queue) => props.queueName(tenant, queue));
  });
  const short = () => entries().filter((e) => e.gap < 0);
  const fine = () => entries().length - short().length;
  const worst = (): GapLevel => (short().some((e) => e.level === 'alert') ? 'alert' : short().length ? 'warn' : 'ok');
  // The line never wraps: short queues that do not fit are hidden (CSS), and counted here so the
  // line says how many more there are rather than letting them vanish.
  let list: HTMLUListElement | undefined;
  const [hidden, setHidden] = createSignal(0);
  const measure = () => {
    const items = list ? [...list.children] as HTMLElement[] : [];
    const top = items[0]?.offsetTop ?? 0;
    setHidden(items.filter((el) => el.offsetTop > top).length);
  };
  createEffect(on(short, () => queueMicrotask(measure)));
  onMount(() => {
    const observer = new ResizeObserver(measure);
    const watch = () => list && observer.observe(list);
    queueMicrotask(watch);
    createEffect(on(() => short().length > 0, () => queueMicrotask(watch)));
    onCleanup(() => observer.disconnect());
  });
  const label = (tenant: string, queue: string) => {
    const name = props.queueName(tenant, queue);
    return props.tenantName ? `${props.tenantName(tenant)} · ${name}` : name;
  };

  return (
    <Show when={entries().length > 0}>
      <div class="gap-strip" data-level={worst()} data-testid="staffing-gap" role="status">
        <span class="gap-title">{tp().staffing}</span>
        <Show
          when={short().length > 0}
          fallback={
            <span class="gap-item" data-level="ok">
              <span class="gap-icon" aria-hidden="true">
                ✓
              </span>
              <span class="gap-words">
                {entries().length === 1
                  ? `${label(entries()[0]!.tenant, entries()[0]!.queue)} ${tp().gapLine(entries()[0]!.staffed, entries()[0]!.required, signed(entries()[0]!.gap))}`
                  : tp().allStaffed(entries().length)}
              </span>
            </span>
          }
        >
          <ul class="gap-items" ref={list}>
            <Index each={short()}>
              {(e) => (
                <li class="gap-item" data-level={e().level} data-queue={`${e().tenant}/${e().queue}`}>
                  <span class="gap-icon" aria-hidden="true">
                    {e().level === 'alert' ? '⚠' : '▼'}
                  </span>
                  <span class="gap-name">{label(e().tenant, e().queue)}</span>{' '}
                  <span class="gap-words">{tp().gapLine(e().staffed, e().required, signed(e().gap))}</span>
                </li>
              )}
            </Index>
          </ul>
          <Show when={hidden() > 0 || fine() > 0}>
            <span class="gap-more" data-testid="staffing-gap-more">
              {[hidden() > 0 ? tp().moreShort(hidden()) : null, fine() > 0 ? tp().alsoStaffed(fine()) : null].filter(Boolean).join(' · ')}
            </span>
          </Show>
        </Show>
      </div>
    </Show>
  );
}
