/**
 * Delivers notifications to tenants' webhooks from the outbox in the store: nothing is lost
 * while a receiver is down. Each notification becomes one delivery per enabled webhook; a
 * failed attempt is retried with capped exponential backoff until `giveUpAfterMs`; every
 * attempt is logged. Deliveries are leased when taken, so several instances share the work and
 * a crashed instance's deliveries are retried by the others once the lease runs out.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/port.ts';
import { signature, SIGNATURE_HEADER } from './sign.ts';
import type { Delivery, DeliveryAttempt } from './types.ts';

export interface DispatcherOptions {
  store: Store;
  clock: () => number;
  /** First retry after this long; then doubling, up to maxBackoffMs. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  giveUpAfterMs: number;
  pollMs: number;
  timeoutMs: number;
  log?: (msg: string) => void;
}

export const DEFAULT_DISPATCH = { baseBackoffMs: 1000, maxBackoffMs: 5 * 60_000, giveUpAfterMs: 24 * 3_600_000, pollMs: 500, timeoutMs: 5000 };

export function backoffMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly opts: DispatcherOptions) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.dispatchDue().finally(() => (this.running = null));
    }, this.opts.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    for (const a of this.inFlight) a.abort();
    await this.running;
  }

  /**
   * Queue a notification for every enabled webhook of its tenant; due at once. Never rejects:
   * callers fire and forget, and a failure here (the store down or closing) is logged instead.
   */
  async notify(tenant: string, payload: unknown): Promise<void> {
    try {
      await this.enqueue(tenant, payload);
    } catch (err) {
      this.opts.log?.(`webhooks of ${tenant}: ${(err as Error).message}`);
    }
  }

  private async enqueue(tenant: string, payload: unknown): Promise<void> {
    const hooks = (await this.opts.store.webhooks(tenant)).filter((w) => w.enabled);
    if (hooks.length === 0) return;
    const now = this.opts.clock();
    const body = JSON.stringify(payload);
    await this.opts.store.enqueueDeliveries(
      hooks.map((w) => ({ id: randomUUID(), tenant, webhookId: w.id, body, attempts: 0, createdAt: now })),
      now,
    );
    this.running ??= this.dispatchDue().finally(() => (this.running = null));
  }

  /** One pass over every tenant's due deliveries. */
  async dispatchDue(): Promise<void> {
    try {
      for (const tenant of await this.opts.store.tenants()) {
        const lease = this.opts.timeoutMs * 2;
        const due = await this.opts.store.claimDeliveries(tenant, this.opts.clock(), lease, 50);
        await Promise.all(due.map((d) => this.attempt(d)));
      }
    } catch (err) {
      this.opts.log?.(`webhooks: ${(err as Error).message}`);
    }
  }

  private async attempt(d: Delivery): Promise<void> {
    const { store } = this.opts;
    const hook = (await store.webhooks(d.tenant)).find((w) => w.id === d.webhookId);
    if (!hook || !hook.enabled) return store.completeDelivery(d.tenant, d.id);
    const attempt = d.attempts + 1;
    const now = this.opts.clock();
    let status: number | null = null;
    let error: string | null = null;
    const aborter = new AbortController();
    this.inFlight.add(aborter);
    const timer = setTimeout(() => aborter.abort(), this.opts.timeoutMs);
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Floorboard-Webhook/1',
          'x-floorboard-delivery': d.id,
          [SIGNATURE_HEADER]: signature(hook.secret, d.body, Math.floor(now / 1000)),
        },
        body: d.body,
        signal: aborter.signal,
        redirect: 'manual',
      });
      status = res.status;
      await res.body?.cancel();
    } catch (err) {
      error = (err as Error).name === 'AbortError' ? `no answer within ${this.opts.timeoutMs} ms` : (err as Error).message;
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(aborter);
    }
    const entry: DeliveryAttempt = { deliveryId: d.id, webhookId: d.webhookId, tenant: d.tenant, at: now, attempt, outcome: 'DELIVERED', status, error, nextAttemptAt: null };
    if (status !== null && status >= 200 && status < 300) {
      await store.completeDelivery(d.tenant, d.id);
    } else if (now - d.createdAt >= this.opts.giveUpAfterMs) {
      entry.outcome = 'GAVE_UP';
      await store.completeDelivery(d.tenant, d.id);
    } else {
      entry.outcome = 'FAILED';
      entry.nextAttemptAt = now + backoffMs(attempt, this.opts.baseBackoffMs, this.opts.maxBackoffMs);
      await store.rescheduleDelivery({ ...d, attempts: attempt }, entry.nextAttemptAt);
    }
    await store.logDeliveryAttempt(entry);
  }
}
