import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/create-db';
import { webhooks } from '../db/schema';

/** One attempt of a delivery, as the delivery log shows it. */
export interface WebhookAttempt {
  at: number;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** Why the attempt failed without an answer (refused, timed out). */
  error?: string;
}

export interface WebhookRecord {
  target: string;
  url: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  log: WebhookAttempt[];
}

export interface WebhookPolicy {
  /** Attempts before a delivery is given up (default 6). */
  maxAttempts: number;
  /** The first retry waits this long; each next one twice as long (default 2 s). */
  baseDelayMs: number;
  /** A receiver silent this long counts as a failed attempt (default 10 s). */
  timeoutMs: number;
}

const DEFAULT_POLICY: WebhookPolicy = { maxAttempts: 6, baseDelayMs: 2000, timeoutMs: 10_000 };

/** The header a receiver checks: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'atelier-signature';

export const signWebhook = (secret: string, timestamp: number, body: string): string =>
  `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** A URL a webhook may call: http(s) only, no credentials in it (they would be logged). */
export const webhookUrlProblem = (raw: string): string | undefined => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL: give an http(s) address such as https://example.com/atelier-hook';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `uses ${url.protocol.replace(':', '')}: only http and https are called`;
  if (url.username || url.password)
    return 'carries a user name or password: put a secret in the path instead and check the signature';
  return undefined;
};

/**
 * Webhooks of runs and batches: `register` records the URL with the run or batch (so a
 * batch that finishes after a restart still calls it), `finished` sends the signed payload
 * and retries with exponential backoff, recording every attempt in the delivery log.
 */
export class WebhookService {
  private readonly policy: WebhookPolicy;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sending = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly secret: string,
    policy: Partial<WebhookPolicy> = {},
    private readonly log?: (line: string) => void,
  ) {
    this.policy = { ...DEFAULT_POLICY, ...policy };
  }

  register(target: string, url: string): void {
    const now = Date.now();
    this.db.orm
      .insert(webhooks)
      .values({
        target,
        url,
        status: 'pending',
        attempts: 0,
        log: [],
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .run();
  }

  get(target: string): WebhookRecord | undefined {
    const row = this.db.orm.select().from(webhooks).where(eq(webhooks.target, target)).get();
    if (!row) return undefined;
    return {
      target: row.target,
      url: row.url,
      status: row.status as WebhookRecord['status'],
      attempts: row.attempts,
      log: row.log as WebhookAttempt[],
    };
  }

  /** Targets still waiting for their first delivery (to resume after a restart). */
  pending(): string[] {
    return this.db.orm
      .select({ target: webhooks.target })
      .from(webhooks)
      .where(eq(webhooks.status, 'pending'))
      .all()
      .map((r) => r.target);
  }

  /** The run or batch ended: deliver `payload` (once per target), retrying on failure. */
  finished(target: string, event: string, payload: Record<string, unknown>): void {
    const hook = this.get(target);
    if (!hook || hook.status !== 'pending' || this.closed) return;
    const body = JSON.stringify({ event, ...payload });
    this.attempt(target, hook.url, event, body);
  }

  private attempt(target: string, url: string, event: string, body: string): void {
    const sending = this.send(target, url, event, body).finally(() => this.sending.delete(sending));
    this.sending.add(sending);
  }

  private async send(target: string, url: string, event: string, body: string): Promise<void> {
    const timestamp = Math.floor(Date.now() / 1000);
    const entry: WebhookAttempt = { at: Date.now() };
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'atelier-event': event,
          [SIGNATURE_HEADER]: signWebhook(this.secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      entry.status = res.status;
      await res.body?.cancel();
    } catch (error) {
      entry.error = error instanceof Error ? error.message : String(error);
    }
    const hook = this.get(target);
    if (!hook) return;
    const ok = entry.status !== undefined && entry.status >= 200 && entry.status < 300;
    const attempts = hook.attempts + 1;
    const status = ok ? 'delivered' : attempts >= this.policy.maxAttempts ? 'failed' : 'pending';
    this.db.orm
      .update(webhooks)
      .set({ status, attempts, log: [...hook.log, entry], updatedAt: Date.now() })
      .where(eq(webhooks.target, target))
      .run();
    if (status === 'failed')
      this.log?.(`webhook of ${target} failed after ${attempts} attempts (${url})`);
    if (status !== 'pending' || this.closed) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.attempt(target, url, event, body);
      },
      this.policy.baseDelayMs * 2 ** (attempts - 1),
    );
    timer.unref();
    this.timers.add(timer);
  }

  /** Stops retrying (pending deliveries stay pending for the next start) and waits for sends. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.sending]);
  }
}
