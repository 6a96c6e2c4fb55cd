/** Webhooks of a tenant, and the deliveries of its notifications to them. */

export interface Webhook {
  id: string;
  tenant: string;
  url: string;
  /** HMAC-SHA256 key of the signature header. */
  secret: string;
  enabled: boolean;
  createdAt: number;
}

/** One notification on its way to one webhook. */
export interface Delivery {
  id: string;
  tenant: string;
  webhookId: string;
  /** The JSON body, fixed at enqueue time so that every attempt sends the same bytes. */
  body: string;
  /** Attempts made so far. */
  attempts: number;
  createdAt: number;
}

/** A line of the delivery log: one attempt. */
export interface DeliveryAttempt {
  deliveryId: string;
  webhookId: string;
  tenant: string;
  at: number;
  attempt: number;
  outcome: 'DELIVERED' | 'FAILED' | 'GAVE_UP';
  status: number | null;
  error: string | null;
  /** When the next attempt is due, after a failure. */
  nextAttemptAt: number | null;
}
