/**
 * Structured logs: one JSON line per event with what happened, ids and durations. Secrets never
 * reach a line: keys that look like credentials are masked wherever they appear.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /secret|token|password|encrypt_?key|authorization|cookie/i;

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/**
 * A failed query as drizzle reports it: its message and stack carry the parameters (message
 * text, open_ids), so only the statement and the database's error code are kept.
 */
function queryFailure(e: Error): { statement: string; code?: string; constraint?: string } | null {
  const { query } = e as { query?: unknown };
  if (typeof query !== 'string' || !('params' in e)) return null;
  const cause = e.cause as { code?: unknown; constraint?: unknown; constraint_name?: unknown } | undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const constraint = cause?.constraint_name ?? cause?.constraint;
  return { statement: query.slice(0, 500), code, ...(typeof constraint === 'string' ? { constraint } : {}) };
}

/** An error as one line fit for logs, stored failure records and admin alerts: never a query's parameters. */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return typeof e === 'string' ? e : 'non-error thrown';
  const q = queryFailure(e);
  if (q) return `query failed${q.code ? ` (${q.code})` : ''}: ${q.statement.slice(0, 200)}`;
  return e.message;
}

/** Stack frames only: the first line repeats the message. */
const frames = (e: Error) => e.stack?.split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 3).join('\n');

function redact(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    const q = queryFailure(value);
    if (q) return { name: value.name, message: describeError(value), ...q, stack: frames(value) };
    return { name: value.name, message: value.message, stack: value.stack?.split('\n').slice(0, 4).join('\n') };
  }
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

export function createLogger(
  level: LogLevel = 'info',
  base: Record<string, unknown> = {},
  write: (line: string) => void = (line) => console.log(line),
): Logger {
  const emit = (lvl: LogLevel, event: string, fields?: Record<string, unknown>) => {
    if (RANK[lvl] < RANK[level]) return;
    const record = redact({ ...base, ...fields }) as Record<string, unknown>;
    write(JSON.stringify({ t: new Date().toISOString(), level: lvl, event, ...record }));
  };
  return {
    debug: (e, f) => emit('debug', e, f),
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
    error: (e, f) => emit('error', e, f),
    child: (fields) => createLogger(level, { ...base, ...fields }, write),
  };
}

/** For tests: collects lines instead of printing them. */
export function memoryLogger(level: LogLevel = 'debug'): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(level, {}, (l) => lines.push(JSON.parse(l) as Record<string, unknown>));
  return Object.assign(logger, { lines });
}
