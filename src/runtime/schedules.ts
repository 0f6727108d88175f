/**
 * The periodic work of the process that handles events: the sweep (resume stored events, drain
 * the outbox) every 5 s and the reminder tick every 5 minutes. One process per bot runs them:
 * node.ts itself, or its handler process when handling is split off.
 */
import cron from 'node-cron';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { tick } from '../scheduler/tick.js';
import type { Wired } from './wire.js';

export function startSchedules(o: { wired: Wired; clock: Clock; timeZone: string; log: Logger; defer: (task: () => Promise<unknown>) => void; firstSweep?: { graceMs?: number } }): { stop(): Promise<void> } {
  // Resume whatever a previous run left (stored events, unsent messages), then keep sweeping.
  o.defer(() => o.wired.sweep(o.firstSweep));
  const sweeper = cron.schedule('*/5 * * * * *', () => o.wired.sweep(), { name: 'sweep', noOverlap: true });
  // Reminders: every 5 minutes in the company zone; tick() itself is idempotent and locked.
  const ticker = cron.schedule('*/5 * * * *', () => tick(o.wired.deps, o.clock.now()).then(() => undefined, (e: unknown) => o.log.error('tick.failed', { error: e })), { name: 'tick', noOverlap: true, timezone: o.timeZone });
  return {
    async stop() {
      await sweeper.stop();
      await ticker.stop();
    },
  };
}
