/**
 * One drainer per deployment. Lark's limits are the app's (50/s per API, 5/s per receiver,
 * resets per API), not an instance's, so several instances each keeping a budget sent 6–9
 * messages a second to one chat. Rather than pay a database round trip per message for a
 * shared counter, or split receivers between instances (which leaves the per-API budget to be
 * divided by a head count nobody knows), the instance that drains holds a lease in Postgres and
 * its in-memory limiter *is* the deployment's budget. One process sending at Lark's limits is far
 * below what Node can do, so nothing is lost by sending from one at a time.
 *
 * - An instance with work while another drains sets `wanted`; the holder drains once more
 *   before letting go, so a message committed anywhere is never left behind.
 * - Letting go saves the limiter (permits of the last second, API pauses) in the row; the next
 *   holder continues that budget, so a change of drainer never bursts. A pause after a 429 is
 *   saved at once, so even a crash cannot make another instance call that API inside its reset.
 * - The lease is renewed while draining and expires 10 s after the last renewal (database
 *   time). The holder stops dispatching 3 s before its lease could have expired (its own clock,
 *   measured from before the renewal was sent), so an instance that stalls never overlaps the
 *   next one.
 *
 * Costs: two statements per drain (begin, finish) and one per 2 s of draining — none per
 * message. With PGlite one process owns the database (its directory lock), and `SoleDrainer`
 * does the same bookkeeping in memory with no statement at all.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import type { LimiterSnapshot, RateLimiter } from './rate-limit.js';

export interface DrainerTurn {
  /** False once the lease may have passed to another instance: dispatch nothing more. */
  valid(): boolean;
  /** Saves the limiter (after a 429 paused an API) where every instance will honour it. */
  savePauses(): Promise<void>;
  /** Ends the turn, unless another drain was asked for meanwhile: then true, and the turn goes on. */
  finish(): Promise<boolean>;
}

export interface DrainerLease {
  /** This instance's turn to drain, or null when another drain holds it (and will drain once more). */
  begin(limiter: RateLimiter): Promise<DrainerTurn | null>;
}

/** One process owns the database: drains in it take turns, and that is all. */
export class SoleDrainer implements DrainerLease {
  #active = false;
  #wanted = false;

  async begin(): Promise<DrainerTurn | null> {
    if (this.#active) {
      this.#wanted = true;
      return null;
    }
    this.#active = true;
    return {
      valid: () => true,
      savePauses: async () => {},
      finish: async () => {
        if (this.#wanted) {
          this.#wanted = false;
          return true;
        }
        this.#active = false;
        return false;
      },
    };
  }
}

const DRAINER_TTL_MS = 10_000;
const RENEW_EVERY_MS = 2_000;
const SAFETY_MS = 3_000;

interface SavedLimiter {
  snapshot: LimiterSnapshot;
  /** The limiter that saved it: taking over from ourselves restores nothing. */
  from: string;
}

export class PostgresDrainerLease implements DrainerLease {
  readonly holder = `drainer-${crypto.randomUUID()}`;
  readonly #db: Db;
  readonly #ttlMs: number;
  #active = false;
  #wanted = false;
  #deadline = 0;
  #lost = false;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(db: Db, o: { ttlMs?: number } = {}) {
    this.#db = db;
    this.#ttlMs = o.ttlMs ?? DRAINER_TTL_MS;
  }

  async begin(limiter: RateLimiter): Promise<DrainerTurn | null> {
    // In this process first: a second drain here just asks the running one to go on.
    if (this.#active) {
      this.#wanted = true;
      return null;
    }
    this.#active = true;
    this.#wanted = false;
    let got = false;
    try {
      got = await this.#acquire(limiter);
    } finally {
      if (!got) this.#active = false;
    }
    if (!got) return null;
    this.#renewLater();
    return {
      valid: () => !this.#lost && Date.now() < this.#deadline,
      savePauses: async () => {
        await rows(this.#db, sql`update outbox_drainer set limiter = ${saved(limiter)}::jsonb, saved_at = now() where id = 'outbox' and holder = ${this.holder}`);
      },
      finish: () => this.#finish(limiter),
    };
  }

  /** True when the lease is ours; false when another instance holds it and was asked to drain again. */
  async #acquire(limiter: RateLimiter): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const sentAt = Date.now();
      const [got] = await rows<{ limiter: SavedLimiter | null; age_ms: number | null }>(
        this.#db,
        sql`insert into outbox_drainer (id, holder, expires_at) values ('outbox', ${this.holder}, now() + ${this.#ttlMs}::int * interval '1 millisecond')
            on conflict (id) do update set holder = excluded.holder, expires_at = excluded.expires_at, wanted = false
            where outbox_drainer.holder is null or outbox_drainer.holder = excluded.holder or outbox_drainer.expires_at < now()
            returning limiter, (extract(epoch from (now() - saved_at)) * 1000)::float8 as age_ms`,
      );
      if (got) {
        this.#deadline = sentAt + this.#ttlMs - SAFETY_MS;
        this.#lost = false;
        const s = got.limiter;
        if (s && s.from !== limiter.id) limiter.restore(s.snapshot, Math.max(0, Number(got.age_ms ?? 0)));
        return true;
      }
      const [asked] = await rows<{ ok: number }>(
        this.#db,
        sql`update outbox_drainer set wanted = true
            where id = 'outbox' and holder is not null and holder <> ${this.holder} and expires_at >= now()
            returning 1 as ok`,
      );
      if (asked) return false;
      // The holder let go between the two statements: try again.
    }
    return false;
  }

  async #finish(limiter: RateLimiter): Promise<boolean> {
    if (this.#wanted) {
      this.#wanted = false;
      return true;
    }
    this.#stopRenewing();
    let again = false;
    if (!this.#lost) {
      try {
        const [r] = await rows<{ again: boolean }>(
          this.#db,
          sql`update outbox_drainer set
                holder = case when wanted then holder else null end,
                expires_at = case when wanted then now() + ${this.#ttlMs}::int * interval '1 millisecond' else now() end,
                wanted = false,
                limiter = ${saved(limiter)}::jsonb,
                saved_at = now()
              where id = 'outbox' and holder = ${this.holder}
              returning holder is not null as again`,
        );
        again = Boolean(r?.again);
        if (again) this.#deadline = Date.now() + this.#ttlMs - SAFETY_MS;
      } catch {
        // Unsaved, the lease simply expires; the next holder starts with an empty budget after 10 s.
      }
    }
    // A drain asked for here while we were letting go: take the lease back, or leave it to whoever has it.
    if (!again && this.#wanted) {
      this.#wanted = false;
      again = await this.#acquire(limiter).catch(() => false);
    }
    if (again) {
      this.#renewLater();
      return true;
    }
    this.#active = false;
    return false;
  }

  #renewLater(): void {
    this.#timer = setTimeout(() => {
      void this.#renew().then(() => {
        if (this.#timer !== null && !this.#lost) this.#renewLater();
      });
    }, RENEW_EVERY_MS);
  }

  #stopRenewing(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #renew(): Promise<void> {
    const sentAt = Date.now();
    try {
      const [ok] = await rows<{ ok: number }>(
        this.#db,
        sql`update outbox_drainer set expires_at = now() + ${this.#ttlMs}::int * interval '1 millisecond'
            where id = 'outbox' and holder = ${this.holder} returning 1 as ok`,
      );
      if (ok) this.#deadline = sentAt + this.#ttlMs - SAFETY_MS;
      else this.#lost = true;
    } catch {
      // The old deadline stands; the turn ends there unless a later renewal gets through.
    }
  }
}

const saved = (limiter: RateLimiter): string => JSON.stringify({ snapshot: limiter.snapshot(), from: limiter.id } satisfies SavedLimiter);
