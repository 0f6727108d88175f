/**
 * Keeps the emulator's chats and the clock's offset across restarts, next to the embedded
 * database. Without it a restarted sandbox would forget every message while the database still
 * remembers which message shows which record (a later card refresh would PATCH a message that
 * is gone, or, as ids restart, someone else's), and its clock would jump back behind deadlines
 * and outbox rows written at the moved time.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FakeMessage } from './fake-lark.js';
import type { CalendarSnapshot } from './fake-calendar.js';
import type { TasksSnapshot } from './fake-tasks.js';
import type { ApprovalSnapshot } from './fake-approval.js';

export interface ChatLog {
  messages: FakeMessage[];
  clockOffsetMs: number;
  /** The bot's calendar, so a restart does not lose the events the database points at. */
  calendar?: CalendarSnapshot;
  /** The Feishu tasks, for the same reason (lark_tasks keeps their guids). */
  tasks?: TasksSnapshot;
  /** The approval centre's definitions and instances, for the same reason. */
  approval?: ApprovalSnapshot;
}

export function loadChatLog(file: string): ChatLog {
  const empty: ChatLog = { messages: [], clockOffsetMs: 0 };
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return empty;
  }
  try {
    const parsed = JSON.parse(raw) as { messages?: unknown; clockOffsetMs?: unknown; calendar?: unknown; tasks?: unknown; approval?: unknown };
    const cal = parsed.calendar as CalendarSnapshot | undefined;
    const tasks = parsed.tasks as TasksSnapshot | undefined;
    const centre = parsed.approval as ApprovalSnapshot | undefined;
    return {
      ...(centre && Array.isArray(centre.definitions) && Array.isArray(centre.instances) ? { approval: centre } : {}),
      ...(cal && Array.isArray(cal.events) && Array.isArray(cal.keys) ? { calendar: cal } : {}),
      ...(tasks && Array.isArray(tasks.tasks) ? { tasks } : {}),
      messages: Array.isArray(parsed.messages) ? (parsed.messages as FakeMessage[]).filter((m) => typeof m?.messageId === 'string') : [],
      clockOffsetMs: typeof parsed.clockOffsetMs === 'number' && parsed.clockOffsetMs > 0 ? parsed.clockOffsetMs : 0,
    };
  } catch {
    return empty; // a torn or hand-edited file: start afresh rather than refuse to start
  }
}

/** Writes the log at most every `delayMs`, atomically (write, then rename). */
export function chatLogWriter(file: string, snapshot: () => ChatLog, delayMs = 300): { changed(): void; flush(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, ...snapshot() }));
    renameSync(tmp, file);
  };
  return {
    changed() {
      timer ??= setTimeout(flush, delayMs);
    },
    flush,
  };
}
