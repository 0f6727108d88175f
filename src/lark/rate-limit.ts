/**
 * Client-side throttle under Lark's limits: 50 requests/s per API and 5 messages/s per user or
 * chat (lark.md §4.2). Slots are reserved synchronously, so concurrent senders in one process
 * queue instead of bursting. Several instances each keep their own budget; a 99991400 that
 * still gets through pauses the API here until Lark's reset time.
 */
export interface RateLimiterOptions {
  perApiPerSecond?: number;
  perReceiverPerSecond?: number;
  nowMs?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A second plus a margin: Lark counts arrivals, and network jitter can bunch ours together. */
const WINDOW_MS = 1100;

export class RateLimiter {
  readonly #reservations = new Map<string, number[]>();
  readonly #pausedUntil = new Map<string, number>();
  readonly #perApi: number;
  readonly #perReceiver: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(o: RateLimiterOptions = {}) {
    this.#perApi = o.perApiPerSecond ?? 50;
    this.#perReceiver = o.perReceiverPerSecond ?? 5;
    this.#now = o.nowMs ?? (() => Date.now());
    this.#sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Waits until one more call to `api` (and to `receiver`, when given) fits the limits. */
  async acquire(api: string, receiver?: string | null): Promise<void> {
    const now = this.#now();
    let at = Math.max(now, this.#pausedUntil.get(api) ?? 0);
    at = Math.max(at, this.#earliest(`api:${api}`, at, this.#perApi));
    if (receiver) at = Math.max(at, this.#earliest(`rcv:${receiver}`, at, this.#perReceiver));
    this.#reserve(`api:${api}`, at);
    if (receiver) this.#reserve(`rcv:${receiver}`, at);
    if (at > now) await this.#sleep(at - now);
  }

  pause(api: string, untilMs: number): void {
    this.#pausedUntil.set(api, Math.max(untilMs, this.#pausedUntil.get(api) ?? 0));
  }

  #earliest(key: string, from: number, limit: number): number {
    const list = (this.#reservations.get(key) ?? []).filter((t) => t > from - WINDOW_MS);
    this.#reservations.set(key, list);
    if (list.length < limit) return from;
    return Math.max(from, list[list.length - limit]! + WINDOW_MS);
  }

  #reserve(key: string, at: number): void {
    const list = this.#reservations.get(key) ?? [];
    let i = list.length;
    while (i > 0 && list[i - 1]! > at) i--;
    list.splice(i, 0, at);
    this.#reservations.set(key, list);
  }
}
