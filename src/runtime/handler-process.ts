/**
 * The handler process: node.ts forked a second time (handler-supervisor.ts) to handle what the
 * front acknowledged — events, the outbox, the schedules — at a lower CPU priority, so on a
 * busy machine the kernel runs the front's acks first. The front stores every event before it
 * answers, so nothing here is the only copy: what this process had in hand when it died is
 * still pending in the database, and its successor's first sweep (no grace) takes it.
 */
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import type { ArrivedEvent } from '../lark/envelope.js';
import { arrive } from '../lark/inbound.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { systemClock } from '../clock.js';
import { createPostgresDb } from '../../db/client.js';
import { nodeLarkHttp } from './node-http.js';
import { EVENT_HANDLERS } from './handlers.js';
import { startSchedules } from './schedules.js';
import { wire } from './wire.js';

/** The environment variable that makes node.ts this process (set by the supervisor only). */
export const ROLE_ENV = 'KAM_PROCESS_ROLE';

/** Front → handler over the IPC channel. The checked payload (it carries a method) stays behind. */
export type ToHandler = { t: 'event'; e: Pick<ArrivedEvent, 'eventId' | 'eventType' | 'event'> } | { t: 'kick' } | { t: 'stop' };
/** Handler → front: listening, so events sent from now on are taken. */
export type FromHandler = { t: 'ready' };

/** Nice 10 for every thread (on Linux a thread's priority is its own), and those started later inherit it. */
function lowerPriority(): void {
  try {
    for (const tid of readdirSync('/proc/self/task')) setPriority(Number(tid), 10);
  } catch {
    try {
      setPriority(10);
    } catch {
      // Not permitted here: handling runs at the front's priority, as in one process.
    }
  }
}

export async function runHandlerProcess(): Promise<void> {
  lowerPriority();
  // The front has validated the same environment before forking this process.
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel, { service: 'kam-bot', role: 'handler' });
  const handle = createPostgresDb(config.databaseUrl!);
  const inFlight = new Set<Promise<unknown>>();
  const defer = (task: () => Promise<unknown>) => {
    const p = task().catch((e: unknown) => log.error('deferred.failed', { error: e }));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  const wired = wire({ config, db: handle.db, clock: systemClock, log, defer, larkHttp: nodeLarkHttp, eventLanes: config.eventLanes });

  let stopping = false;
  let schedules: { stop(): Promise<void> } | null = null;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    log.info('handler.stopping', { why });
    await schedules?.stop();
    await Promise.race([Promise.all([...inFlight, wired.idle()]), new Promise((r) => setTimeout(r, 5000))]);
    await handle.close();
    process.exit(0);
  };

  process.on('message', (m: ToHandler) => {
    if (m.t === 'event') {
      // The front stored it as pending: handled whatever this process knows of the bot's open_id yet.
      wired.deps.processLater(arrive({ ...m.e, token: undefined }, EVENT_HANDLERS, wired.deps.botOpenId.peek()).arrived);
    } else if (m.t === 'kick') wired.deps.kickOutbox();
    else if (m.t === 'stop') void stop('front stopping');
  });
  // The front died without a word (kill -9, a crash): so does the bot. Its next start forks a new
  // handler; one left running here would be a second handler nobody supervises.
  process.on('disconnect', () => {
    if (stopping) return;
    log.error('handler.orphaned', { pid: process.pid });
    process.exit(1);
  });
  // Ctrl-C reaches the whole process group: finish in-flight work as the front does.
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  schedules = startSchedules({ wired, clock: systemClock, timeZone: config.timeZone, log, defer, firstSweep: { graceMs: 0 } });
  process.send?.({ t: 'ready' } satisfies FromHandler);
  log.info('handler.ready', { pid: process.pid });
}
