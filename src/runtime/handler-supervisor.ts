/**
 * The front's side of the handler process (handler-process.ts): forks it, hands it each stored
 * event and each kick of the outbox over IPC, and forks a new one when it dies.
 *
 * Nothing handed over is the only copy: every event is stored (pending) before the front acks.
 * While no handler is ready, events wait here (bounded) and go when one is; one the channel
 * cannot take (a dead child, a backlog past the bound) is left to the database, where the next
 * handler's first sweep, which takes pending events of any age, finds it. Kicks are coalesced
 * to one message a turn and dropped while no handler is up: every sweep drains anyway.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { ArrivedEvent } from '../lark/envelope.js';
import type { Logger } from '../log.js';
import { ROLE_ENV, type FromHandler, type ToHandler } from './handler-process.js';

export interface HandlerSupervisor {
  start(): void;
  processLater(e: ArrivedEvent): void;
  kickOutbox(): void;
  /** A handler process is running and listening. */
  readonly up: boolean;
  /** Asks the handler to finish what it holds and waits for it to exit. */
  stop(): Promise<void>;
}

export function superviseHandler(o: { log: Logger; maxBacklog?: number; stopTimeoutMs?: number }): HandlerSupervisor {
  const maxBacklog = o.maxBacklog ?? 5000;
  let child: ChildProcess | null = null;
  let ready = false;
  let stopping = false;
  let restart: ReturnType<typeof setTimeout> | null = null;
  let quickDeaths = 0;
  let startedAt = 0;
  // Waiting for a handler to be ready; and handed to the channel but not yet written to it.
  let waiting: ToHandler[] = [];
  let unwritten = 0;
  let leftToSweep = 0;
  let kickQueued = false;

  const write = (c: ChildProcess, m: ToHandler) => {
    unwritten++;
    c.send(m, (err) => {
      unwritten--;
      // The channel closed under it: the child is dying, and the event is in the database.
      if (err && m.t === 'event') leftToSweep++;
    });
  };

  const post = (m: ToHandler) => {
    const c = child;
    if (c && ready && c.connected && unwritten < maxBacklog) return write(c, m);
    if (m.t !== 'event') return;
    if (!ready && waiting.length < maxBacklog) waiting.push(m);
    else leftToSweep++;
  };

  const start = () => {
    restart = null;
    ready = false;
    startedAt = Date.now();
    const c = fork(process.argv[1]!, process.argv.slice(2), { env: { ...process.env, [ROLE_ENV]: 'handler' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child = c;
    o.log.info('handler.started', { pid: c.pid });
    c.on('message', (m: FromHandler) => {
      if (m.t !== 'ready' || child !== c) return;
      ready = true;
      const queued = waiting;
      waiting = [];
      o.log.info('handler.up', { pid: c.pid, handedOver: queued.length, leftToSweep });
      leftToSweep = 0;
      for (const q of queued) write(c, q);
    });
    // A send to a channel that just closed; the exit that follows is handled below.
    c.on('error', (e) => o.log.warn('handler.channel_error', { pid: c.pid, error: e }));
    c.on('exit', (code, signal) => {
      if (child === c) {
        child = null;
        ready = false;
      }
      if (stopping) return;
      // Back off only while it keeps dying soon after starting: a crash loop must not spin.
      quickDeaths = Date.now() - startedAt > 60_000 ? 0 : quickDeaths + 1;
      const inMs = quickDeaths === 0 ? 0 : Math.min(30_000, 250 * 2 ** (quickDeaths - 1));
      o.log.error('handler.exited', { pid: c.pid, code, signal, restartInMs: inMs });
      restart = setTimeout(start, inMs);
    });
  };

  return {
    start,
    processLater(e) {
      post({ t: 'event', e: { eventId: e.eventId, eventType: e.eventType, event: e.event } });
    },
    kickOutbox() {
      if (kickQueued) return;
      kickQueued = true;
      // After this turn: the click or the commit that kicked answers first, and a burst is one message.
      setImmediate(() => {
        kickQueued = false;
        post({ t: 'kick' });
      });
    },
    get up() {
      return ready && Boolean(child?.connected);
    },
    async stop() {
      stopping = true;
      if (restart) clearTimeout(restart);
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      // Before it is ready it may not be listening yet: a signal, which it handles as a stop too.
      if (ready && c.connected) c.send({ t: 'stop' } satisfies ToHandler);
      else c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), o.stopTimeoutMs ?? 8000);
      await exited;
      clearTimeout(timer);
    },
  };
}
