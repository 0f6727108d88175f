/** What the sandbox server and the web chat exchange (JSON over fetch and Server-Sent Events). */

export type Lang = 'zh_cn' | 'en_us';
export interface I18n {
  zh_cn: string;
  en_us: string;
}

export interface PersonView {
  openId: string;
  /** Their direct chat with the bot. */
  chatId: string;
  name: string;
  enName: string | null;
  /** null: in the tenant's directory but not on the bot's roster. */
  role: string | null;
  roleLabel: I18n | null;
  active: boolean;
  admin: boolean;
  locale: Lang;
}

export interface MessageView {
  id: string;
  chatId: string;
  /** 'bot' or the sender's open_id. */
  sender: string;
  msgType: string;
  content: unknown;
  parentId: string | null;
  mentions: { key: string; openId: string; name: string }[];
  createdAt: number;
  updatedAt: number | null;
  patches: number;
  /** A file message: what the download link (/sandbox/api/files/:messageId) serves. */
  file?: { name: string; size: number };
}

export interface ClockView {
  /** The bot's time (ISO). */
  now: string;
  offsetMs: number;
  timeZone: string;
}

export interface StateView {
  bot: { openId: string; name: string };
  people: PersonView[];
  group: { chatId: string; name: string; enName: string };
  clock: ClockView;
  messages: MessageView[];
  /** False when src/scheduler/tick.ts is not wired: the clock moves but no reminders run. */
  tick: boolean;
}

export type StreamEvent = { type: 'message'; message: MessageView } | { type: 'clock'; clock: ClockView };

export interface SendRequest {
  from: string;
  chat: 'p2p' | 'group';
  /** Mentions are written "@name" in the text and listed here, in order. */
  text: string;
  parentId?: string | null;
  mentions?: { openId: string; name: string }[];
}
export interface SendResult {
  ok: boolean;
  status: number;
  attempts: number;
  eventId: string;
}

export interface ActionRequest {
  operator: string;
  messageId: string;
  tag: string;
  value: unknown;
  name?: string;
  formValue?: Record<string, unknown>;
  option?: string;
}
export interface Toast {
  type: 'success' | 'info' | 'warning' | 'error';
  content: string;
  i18n?: Partial<I18n>;
}
export interface ActionResult {
  toast: Toast | null;
  cardReplaced: boolean;
}

export interface ClockRequest {
  days?: number;
  /** ISO date-time to jump to (not earlier than now). */
  to?: string;
  /** Jump to the start of work on the next working day (reminders go out then). */
  next?: 'working_morning';
}
/** Whether the tick may send at the clock's time; reminders wait outside working hours. */
export interface SendWindowView {
  open: boolean;
  reason: 'after_hours' | 'day_off' | null;
  /** "09:00–18:00". */
  hours: string;
  /** ISO: the next working day's start of work. */
  nextMorning: string;
}
export interface ClockResult {
  clock: ClockView;
  tick: Record<string, unknown> | null;
  sendWindow?: SendWindowView;
  error?: string;
}
