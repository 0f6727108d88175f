/**
 * Client-side throttle under Lark's limits: 50 requests/s per API and 5 messages/s per user or
 * chat (lark.md §4.2), which Lark counts by *arrival*.
 *
 * A call holds a permit for each key it counts against (its API, its receiver) from the moment
 * it is dispatched until one window after its answer came back. A request arrives somewhere
 * between its dispatch and its answer, so every request arriving within one second of another
 * still holds its permit at the end of that second: at most `limit` of them, however the
 * network bunches them. (Reserving slots by dispatch time alone let one instance reach 62–67/s
 * when earlier requests were delayed on the way.)
 *
 * A 99991400 pauses the whole API until Lark's reset, for calls already waiting too. The state
 * is small (a permit per call of the last second, a pause per API), so the drainer's lease can
 * hand it to the next instance that drains (see drainer-lease.ts): one process sends at a
 * time, and this budget is the deployment's.
 */
export interface RateLimiterOptions {
  perApiPerSecond?: number;
  perReceiverPerSecond?: number;
  nowMs?: () => number;
  /** Runs `fn` after `ms` (tests may drive time by hand). */
  after?: (ms: number, fn: () => void) => void;
}

/** What the next drainer needs to continue this budget: remaining milliseconds per permit and pause. */
export interface LimiterSnapshot {
  held: Record<string, number[]>;
  paused: Record<string, number>;
}

/** A second plus a margin for the difference between our clock and Lark's. */
export const WINDOW_MS = 1100;

interface Waiter {
  api: string;
  keys: { key: string; limit: number }[];
  grant: () => void;
}

export class RateLimiter {
  #id: string | undefined;
  /**
   * Tells a restored snapshot of our own from another instance's. Made on first use: a Worker
   * builds its limiter at module scope, where generating random values is not allowed.
   */
  get id(): string {
    return (this.#id ??= crypto.randomUUID());
  }
  readonly #inFlight = new Map<string, number>();
  /** Per key, when each answered call's permit comes free, ascending. */
  readonly #freeAt = new Map<string, number[]>();
  readonly #pausedUntil = new Map<string, number>();
  readonly #waiters: Waiter[] = [];
  readonly #perApi: number;
  readonly #perReceiver: number;
  readonly #now: () => number;
  readonly #after: (ms: number, fn: () => void) => void;
  #wakeAt = Infinity;
  #releases = 0;

  constructor(o: RateLimiterOptions = {}) {
    this.#perApi = o.perApiPerSecond ?? 50;
    this.#perReceiver = o.perReceiverPerSecond ?? 5;
    this.#now = o.nowMs ?? (() => Date.now());
    this.#after = o.after ?? ((ms, fn) => void setTimeout(fn, ms));
  }

  /**
   * Waits until one more call to `api` (and to `receiver`, when given) fits the limits, and
   * returns the function to call once Lark has answered (or the call failed).
   */
  async acquire(api: string, receiver?: string | null): Promise<() => void> {
    const keys = [{ key: `api:${api}`, limit: this.#perApi }];
    if (receiver) keys.push({ key: `rcv:${receiver}`, limit: this.#perReceiver });
    await new Promise<void>((grant) => {
      this.#waiters.push({ api, keys, grant });
      this.#pump();
    });
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#release(keys.map((k) => k.key));
    };
  }

  /** Lark said 99991400 with a reset: nothing more goes to `api` until then, from anyone waiting. */
  pause(api: string, untilMs: number): void {
    this.#pausedUntil.set(api, Math.max(untilMs, this.#pausedUntil.get(api) ?? 0));
    this.#pump();
  }

  /** Calls waiting for a permit (for tests and logs). */
  get waiting(): number {
    return this.#waiters.length;
  }

  snapshot(): LimiterSnapshot {
    const now = this.#now();
    const held: Record<string, number[]> = {};
    for (const [key, list] of this.#freeAt) {
      const left = list.filter((t) => t > now).map((t) => t - now);
      if (left.length) held[key] = left;
    }
    // A call still in flight may yet arrive: count it as answered just now.
    for (const [key, n] of this.#inFlight) if (n > 0) held[key] = [...(held[key] ?? []), ...Array<number>(n).fill(WINDOW_MS)];
    const paused: Record<string, number> = {};
    for (const [api, until] of this.#pausedUntil) if (until > now) paused[api] = until - now;
    return { held, paused };
  }

  /** Takes over another drainer's budget, `elapsedMs` after it was saved. */
  restore(s: LimiterSnapshot, elapsedMs: number): void {
    const now = this.#now();
    for (const [key, left] of Object.entries(s.held ?? {})) {
      for (const ms of left) if (ms - elapsedMs > 0) this.#insertFree(key, now + ms - elapsedMs);
    }
    for (const [api, ms] of Object.entries(s.paused ?? {})) if (ms - elapsedMs > 0) this.pause(api, now + ms - elapsedMs);
    this.#pump();
  }

  #held(key: string, now: number): number {
    const list = this.#freeAt.get(key);
    let free = 0;
    if (list) {
      while (free < list.length && list[free]! <= now) free++;
      if (free) list.splice(0, free);
      if (!list.length) this.#freeAt.delete(key);
    }
    return (this.#inFlight.get(key) ?? 0) + (list?.length ?? 0);
  }

  #pump(): void {
    const now = this.#now();
    let wake = Infinity;
    for (let i = 0; i < this.#waiters.length; ) {
      const w = this.#waiters[i]!;
      const pausedUntil = this.#pausedUntil.get(w.api) ?? 0;
      if (pausedUntil > now) {
        wake = Math.min(wake, pausedUntil);
        i++;
        continue;
      }
      let fits = true;
      for (const { key, limit } of w.keys) {
        if (this.#held(key, now) < limit) continue;
        fits = false;
        // Blocked by answered calls: wake when the first frees. By calls in flight: their answer wakes us.
        const first = this.#freeAt.get(key)?.[0];
        if (first !== undefined) wake = Math.min(wake, first);
      }
      if (!fits) {
        i++;
        continue;
      }
      for (const { key } of w.keys) this.#inFlight.set(key, (this.#inFlight.get(key) ?? 0) + 1);
      this.#waiters.splice(i, 1);
      w.grant();
    }
    if (wake < this.#wakeAt) {
      this.#wakeAt = wake;
      this.#after(Math.max(0, wake - now), () => {
        if (this.#wakeAt === wake) this.#wakeAt = Infinity;
        this.#pump();
      });
    }
  }

  #release(keys: string[]): void {
    const freeAt = this.#now() + WINDOW_MS;
    for (const key of keys) {
      const n = (this.#inFlight.get(key) ?? 1) - 1;
      if (n > 0) this.#inFlight.set(key, n);
      else this.#inFlight.delete(key);
      this.#insertFree(key, freeAt);
    }
    // Receivers come and go: forget the ones whose permits have all come free.
    if (++this.#releases % 1000 === 0) for (const key of [...this.#freeAt.keys()]) this.#held(key, freeAt - WINDOW_MS);
    if (this.#waiters.length) this.#pump();
  }

  #insertFree(key: string, at: number): void {
    const list = this.#freeAt.get(key) ?? [];
    let i = list.length;
    while (i > 0 && list[i - 1]! > at) i--;
    list.splice(i, 0, at);
    this.#freeAt.set(key, list);
  }
}
