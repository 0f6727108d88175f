/**
 * The sandbox's clock: real time plus an offset the web chat can only move forward, so a
 * reminder due "in three days" can be seen now. It keeps ticking between jumps (so elapsed
 * times, leases and timeouts still behave), and never goes back: deadlines, outbox leases and
 * the event dedupe rows already written would otherwise lie in the future.
 */
import type { Clock } from '../clock.js';

export class OffsetClock implements Clock {
  #offsetMs: number;
  readonly #real: () => number;

  constructor(o: { offsetMs?: number; realNow?: () => number } = {}) {
    this.#offsetMs = o.offsetMs ?? 0;
    this.#real = o.realNow ?? (() => Date.now());
  }

  now(): Date {
    return new Date(this.#real() + this.#offsetMs);
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** Moves the clock forward by `ms` (≥ 0). */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the sandbox clock only moves forward');
    this.#offsetMs += ms;
    return this.now();
  }

  /** Jumps to `to`, which must not be earlier than now. */
  jumpTo(to: Date): Date {
    const delta = to.getTime() - this.now().getTime();
    if (!Number.isFinite(delta)) throw new RangeError('not a date');
    if (delta < 0) throw new RangeError('the sandbox clock only moves forward');
    return this.advance(delta);
  }
}
