/**
 * The sandbox web chat: pick who you are, chat with the bot (and in the department group),
 * click cards, watch them update in place, and move the bot's clock forward.
 */
import { h } from './dom.js';
import { renderCard, type CardAction } from './card.js';
import { renderPost, snippet, textWithMentions } from './message-content.js';
import type { ActionResult, ClockResult, Lang, MessageView, PersonView, SendResult, StateView, StreamEvent, Toast } from './types.js';

const store = {
  get: (k: string) => localStorage.getItem(`kam-sandbox.${k}`),
  set: (k: string, v: string) => localStorage.setItem(`kam-sandbox.${k}`, v),
};

let state: StateView;
let clockAt = 0; // performance.now() when the bot's time was last received
const messages = new Map<string, MessageView>();
const nodes = new Map<string, HTMLElement>();
let me = '';
let chat: 'p2p' | 'group' = store.get('chat') === 'group' ? 'group' : 'p2p';
let lang: Lang = store.get('lang') === 'en_us' ? 'en_us' : 'zh_cn';
let replyTo: MessageView | null = null;

const t = (zh: string, en: string) => (lang === 'en_us' ? en : zh);
const person = (id: string): PersonView | undefined => state.people.find((p) => p.openId === id);
const nameOf = (id: string): string => (id === 'bot' || id === state.bot.openId ? state.bot.name : (person(id)?.name ?? id));
const currentChatId = () => (chat === 'group' ? state.group.chatId : (person(me)?.chatId ?? ''));

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/sandbox/api/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as T & { error?: string };
  if (!res.ok && !(json as { clock?: unknown }).clock) throw new Error(json.error ?? `HTTP ${res.status}`);
  return json;
}

function toast(tst: Toast): void {
  const text = tst.i18n?.[lang] ?? tst.content;
  const el = h('div', { class: `toast ${tst.type}`, 'data-testid': 'toast', role: 'status' }, text);
  document.getElementById('toasts')!.append(el);
  setTimeout(() => el.remove(), 4000);
}

function confirmDialog(title: string, text: string): Promise<boolean> {
  return new Promise((resolve) => {
    const close = (ok: boolean) => {
      back.remove();
      resolve(ok);
    };
    const back = h('div', { class: 'modal-back', 'data-testid': 'confirm' },
      h('div', { class: 'modal' }, h('h3', {}, title), h('p', {}, text),
        h('div', { class: 'actions' },
          h('button', { class: 'btn', onclick: () => close(false) }, t('取消', 'Cancel')),
          h('button', { class: 'btn on', 'data-testid': 'confirm-ok', onclick: () => close(true) }, t('确定', 'Confirm')))));
    document.body.append(back);
  });
}

async function act(messageId: string, a: CardAction): Promise<void> {
  const r = await api<ActionResult>('action', { operator: me, messageId, ...a });
  if (r.toast) toast(r.toast);
}

// ---- messages ----

function renderMessage(m: MessageView): HTMLElement {
  const mine = m.sender === me;
  const bot = m.sender === 'bot';
  let content: HTMLElement;
  if (m.msgType === 'interactive') {
    content = renderCard(m.content, {
      lang,
      nameOf,
      people: () => state.people.filter((p) => p.role && p.active).map((p) => ({ openId: p.openId, name: p.name })),
      act: (a) => act(m.id, a),
      confirm: confirmDialog,
      warn: (text) => toast({ type: 'warning', content: text }),
    });
  } else if (m.msgType === 'post') content = renderPost(m.content, lang, nameOf);
  else if (m.msgType === 'file') content = renderFile(m);
  else content = h('div', { class: 'bubble', 'data-testid': 'text' }, m.msgType === 'text' ? textWithMentions(m, nameOf) : `[${m.msgType}]`);
  const parent = m.parentId ? messages.get(m.parentId) : undefined;
  const time = new Intl.DateTimeFormat('zh-CN', { timeZone: state.clock.timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(m.createdAt);
  return h('div', { class: `msg ${mine ? 'mine' : ''}`, 'data-id': m.id, 'data-testid': bot ? 'bot-message' : 'user-message' },
    h('div', { class: `avatar ${bot ? '' : 'user'}` }, nameOf(m.sender).slice(-2)),
    h('div', { class: 'body' },
      h('div', { class: 'meta' }, h('span', {}, nameOf(m.sender)), h('span', {}, time),
        m.patches ? h('span', { class: 'edited' }, t('已更新', 'updated')) : null,
        h('button', { class: 'reply-btn', 'data-testid': 'reply', onclick: () => startReply(m) }, t('回复', 'Reply'))),
      parent ? h('div', { class: 'quote' }, `${t('回复', 'Re')} ${nameOf(parent.sender)}：${snippet(parent, lang, nameOf)}`) : null,
      content));
}

/** A file message as Feishu shows one: the name, the size, and a download. */
function renderFile(m: MessageView): HTMLElement {
  const f = m.file;
  const size = f ? (f.size < 1024 ? `${f.size} B` : `${(f.size / 1024).toFixed(1)} KB`) : '';
  return h('div', { class: 'bubble file', 'data-testid': 'file' },
    h('div', { class: 'file-name' }, `📄 ${f?.name ?? t('文件', 'File')}`),
    h('div', { class: 'file-meta' }, size, ' · ',
      h('a', { href: `/sandbox/api/files/${encodeURIComponent(m.id)}`, download: f?.name ?? '', 'data-testid': 'file-download' }, t('下载', 'Download'))));
}

function upsert(m: MessageView): void {
  messages.set(m.id, m);
  if (m.chatId !== currentChatId()) return;
  const list = document.getElementById('messages')!;
  const node = renderMessage(m);
  const old = nodes.get(m.id);
  if (old?.isConnected) old.replaceWith(node);
  else {
    list.querySelector('.empty')?.remove();
    const stick = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    list.append(node);
    if (stick || m.sender === me) list.scrollTop = list.scrollHeight;
  }
  nodes.set(m.id, node);
}

function renderMessages(): void {
  const list = document.getElementById('messages')!;
  list.replaceChildren();
  nodes.clear();
  const mine = [...messages.values()].filter((m) => m.chatId === currentChatId());
  if (!mine.length) list.append(h('p', { class: 'empty' }, t('还没有消息。发送「帮助」开始。', 'No messages yet. Send "help" to start.')));
  for (const m of mine) upsert(m);
  list.scrollTop = list.scrollHeight;
}

// ---- composer ----

function startReply(m: MessageView): void {
  replyTo = m;
  renderReplying();
  (document.getElementById('input') as HTMLTextAreaElement).focus();
}

function renderReplying(): void {
  const box = document.getElementById('replying')!;
  box.replaceChildren();
  if (replyTo) box.append(h('div', { class: 'replying', 'data-testid': 'replying' }, `${t('回复', 'Replying to')} ${nameOf(replyTo.sender)}：${snippet(replyTo, lang, nameOf)}`, h('button', { class: 'reply-btn', style: 'opacity:1', onclick: () => ((replyTo = null), renderReplying()) }, '×')));
}

function mentionable(): { openId: string; name: string }[] {
  const people = state.people.map((p) => ({ openId: p.openId, name: p.name }));
  return chat === 'group' ? [{ openId: state.bot.openId, name: state.bot.name }, ...people] : people;
}

async function send(): Promise<void> {
  const input = document.getElementById('input') as HTMLTextAreaElement;
  const text = input.value.trim();
  if (!text) return;
  // Whoever is written as "@name" is mentioned, in order of appearance (longest names first).
  const found = mentionable()
    .sort((a, b) => b.name.length - a.name.length)
    .map((p) => ({ ...p, at: text.indexOf(`@${p.name}`) }))
    .filter((p) => p.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map(({ openId, name }) => ({ openId, name }));
  input.value = '';
  const parentId = replyTo?.id ?? null;
  replyTo = null;
  renderReplying();
  let r: SendResult;
  try {
    r = await api<SendResult>('send', { from: me, chat, text, parentId, mentions: found });
  } catch (e) {
    // Refused before it reached the bot (too long…): say why and give the text back.
    input.value = text;
    return toast({ type: 'error', content: e instanceof Error ? e.message : String(e) });
  }
  if (!r.ok) toast({ type: 'error', content: t(`机器人没有应答（HTTP ${r.status}，已投递 ${r.attempts} 次）`, `The bot did not answer (HTTP ${r.status}, ${r.attempts} attempts)`) });
}

function mentionPicker(input: HTMLTextAreaElement, list: HTMLElement): void {
  const m = /@([^\s@]*)$/.exec(input.value.slice(0, input.selectionStart));
  list.replaceChildren();
  list.hidden = !m;
  if (!m) return;
  const q = m[1]!.toLowerCase();
  const hits = mentionable().filter((p) => p.name.toLowerCase().includes(q) || p.openId.includes(q)).slice(0, 8);
  list.hidden = !hits.length;
  for (const p of hits) {
    list.append(h('div', { 'data-testid': 'mention-option', onmousedown: (e: Event) => {
      e.preventDefault();
      const start = input.selectionStart - m[0].length;
      input.value = `${input.value.slice(0, start)}@${p.name} ${input.value.slice(input.selectionStart)}`;
      list.hidden = true;
      input.focus();
    } }, `${p.name}${person(p.openId)?.roleLabel ? ` · ${person(p.openId)!.roleLabel![lang]}` : ''}`));
  }
}

// ---- sidebar ----

function renderClock(): void {
  const box = document.getElementById('clock-now');
  if (!box) return;
  const now = Date.parse(state.clock.now) + (performance.now() - clockAt);
  box.textContent = new Intl.DateTimeFormat(lang === 'en_us' ? 'en-GB' : 'zh-CN', { timeZone: state.clock.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(now);
}

async function jump(body: { days?: number; to?: string; next?: 'working_morning' }): Promise<void> {
  const r = await api<ClockResult>('clock', body);
  state.clock = r.clock;
  clockAt = performance.now();
  renderClock();
  if (r.error) return toast({ type: 'error', content: r.error });
  toast({ type: 'info', content: clockMovedText(r) });
}

/** The toast after a jump: what the tick sent, and when it sent nothing because of the hour, why. */
function clockMovedText(r: ClockResult): string {
  if (!state.tick) return t('时间已调整（提醒任务未接入）', 'Clock moved (the reminder tick is not wired)');
  const digests = Number(r.tick?.digests ?? 0);
  const w = r.sendWindow;
  if (w && !w.open) {
    const when = new Intl.DateTimeFormat(lang === 'en_us' ? 'en-GB' : 'zh-CN', { timeZone: state.clock.timeZone, month: 'short', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(Date.parse(w.nextMorning));
    const why = w.reason === 'day_off' ? t('今天是休息日', 'today is a day off') : t(`现在不在工作时间（${w.hours}）`, `it is outside working hours (${w.hours})`);
    return t(
      `时间已调整；${why}，提醒不会发出，会在下一个工作日早上（${when}）发出。点「下个工作日早上」跳过去看。`,
      `Clock moved; ${why}, so no reminders were sent. They go out on the next working morning (${when}): press "Next working morning".`,
    );
  }
  return t(`时间已调整；提醒检查完成，发出 ${digests} 份提醒`, `Clock moved; reminders checked, ${digests} digest(s) sent`);
}

function render(): void {
  const options = (onRoster: boolean) => state.people.filter((p) => Boolean(p.role) === onRoster)
    .map((p) => h('option', { value: p.openId, selected: p.openId === me }, `${p.name}${p.roleLabel ? ` · ${p.roleLabel[lang]}` : ''}${p.admin ? t('（管理员）', ' (admin)') : ''}${p.role && !p.active ? t('（已停用）', ' (inactive)') : ''}`));
  const who = h('select', { id: 'who', 'data-testid': 'who', onchange: (e: Event) => { me = (e.target as HTMLSelectElement).value; store.set('me', me); render(); } },
    h('optgroup', { label: t('名单成员', 'On the roster') }, options(true)), h('optgroup', { label: t('不在名单（可被添加）', 'Not on the roster') }, options(false)));
  const chatItem = (kind: 'p2p' | 'group', title: string, sub: string) =>
    h('div', { class: `chat-item ${chat === kind ? 'active' : ''}`, 'data-testid': `chat-${kind}`, onclick: () => { chat = kind; store.set('chat', kind); render(); } },
      h('div', { class: `avatar ${kind === 'group' ? 'group' : ''}` }, kind === 'group' ? '群' : '助'), h('div', {}, h('div', {}, title), h('small', { style: 'color:#8f959e' }, sub)));
  const date = h('input', { type: 'date', id: 'jump-date', 'data-testid': 'jump-date' });
  const time = h('input', { type: 'time', id: 'jump-time', 'data-testid': 'jump-time', value: '09:30' });
  const input = h('textarea', { id: 'input', 'data-testid': 'composer', placeholder: chat === 'group' ? t(`输入消息，@${state.bot.name} 才会回复…`, `Message; @${state.bot.name} to get an answer…`) : t('输入消息，Enter 发送，Shift+Enter 换行', 'Message; Enter to send, Shift+Enter for a new line') });
  const mentions = h('div', { class: 'mention-list', hidden: true });
  input.addEventListener('input', () => mentionPicker(input, mentions));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      mentions.hidden = true;
      void send();
    }
  });
  const me_ = person(me);
  document.getElementById('app')!.replaceChildren(
    h('aside', {},
      h('h1', {}, t('大客户助手 · 沙盒', 'KAM bot · Sandbox'), h('small', {}, t('本地模拟飞书，无需租户', 'A local Feishu emulator'))),
      h('section', {}, h('label', { class: 'caption' }, t('我是', 'I am')), who,
        h('div', { class: 'who-meta' }, me_?.role ? `${me_.roleLabel?.[lang] ?? ''} · ${me_.openId}` : t('不在名单中：机器人会请您联系管理员', 'Not on the roster: the bot will ask you to contact an admin'))),
      h('section', {}, h('label', { class: 'caption' }, t('会话', 'Chats')),
        chatItem('p2p', state.bot.name, t('单聊', 'Direct chat')), chatItem('group', lang === 'en_us' ? state.group.enName : state.group.name, t('群聊', 'Group chat')),
        h('a', { class: 'btn', href: '/sandbox/calendar', target: '_blank', 'data-testid': 'calendar-link' }, t('📅 各人的飞书日历', "📅 Everyone's Feishu calendar")),
        h('a', { class: 'btn', href: '/sandbox/tasks', target: '_blank', 'data-testid': 'tasks-link' }, t('✅ 各人的飞书任务', "✅ Everyone's Feishu tasks")),
        h('a', { class: 'btn', href: '/sandbox/approvals', target: '_blank', 'data-testid': 'approvals-link' }, t('📋 各人的审批中心待办', "📋 Everyone's approval-centre to-dos"))),
      h('section', {}, h('label', { class: 'caption' }, t('机器人时间', "Bot's clock")), h('div', { class: 'clock-now', id: 'clock-now', 'data-testid': 'clock' }),
        h('div', { class: 'row' }, h('button', { class: 'btn', 'data-testid': 'plus-day', onclick: () => void jump({ days: 1 }) }, t('+1 天', '+1 day')), h('button', { class: 'btn', onclick: () => void jump({ days: 7 }) }, t('+1 周', '+1 week'))),
        h('div', { class: 'row' }, h('button', { class: 'btn', 'data-testid': 'next-morning', onclick: () => void jump({ next: 'working_morning' }) }, t('下个工作日早上', 'Next working morning'))),
        h('div', { class: 'row' }, date, time),
        h('div', { class: 'row' }, h('button', { class: 'btn', 'data-testid': 'jump', onclick: () => { if (date.value) void jump({ to: new Date(`${date.value}T${time.value || '09:30'}:00+08:00`).toISOString() }); } }, t('跳转到该时间（北京时间）', 'Jump to (Beijing time)')))),
      h('section', {}, h('label', { class: 'caption' }, t('卡片语言', 'Card language')),
        h('div', { class: 'row' }, ...(['zh_cn', 'en_us'] as const).map((l) => h('button', { class: `btn ${lang === l ? 'on' : ''}`, onclick: () => { lang = l; store.set('lang', l); render(); } }, l === 'zh_cn' ? '中文' : 'English'))))),
    h('main', {},
      h('div', { class: 'chat-head', 'data-testid': 'chat-title' }, chat === 'group' ? (lang === 'en_us' ? state.group.enName : state.group.name) : state.bot.name, h('small', {}, `${t('当前身份', 'as')}：${nameOf(me)}`)),
      h('div', { id: 'messages' }),
      h('div', { class: 'composer' }, mentions, h('div', { id: 'replying' }), input,
        h('div', { class: 'bar' }, h('span', {}, t('输入 @ 可提及同事', 'Type @ to mention someone')), h('button', { class: 'btn on', 'data-testid': 'send', onclick: () => void send() }, t('发送', 'Send'))))),
  );
  renderClock();
  renderReplying();
  renderMessages();
}

// ---- live updates ----

let peopleTimer: ReturnType<typeof setTimeout> | null = null;
function refreshPeopleSoon(): void {
  peopleTimer ??= setTimeout(async () => {
    peopleTimer = null;
    const people = await api<PersonView[]>('people');
    const changed = JSON.stringify(people) !== JSON.stringify(state.people);
    state.people = people;
    if (changed) {
      const composer = (document.getElementById('input') as HTMLTextAreaElement | null)?.value ?? '';
      render();
      (document.getElementById('input') as HTMLTextAreaElement).value = composer;
    }
  }, 300);
}

function listen(): void {
  const es = new EventSource('/sandbox/api/stream');
  es.addEventListener('update', (e) => {
    const ev = JSON.parse((e as MessageEvent<string>).data) as StreamEvent;
    if (ev.type === 'clock') {
      state.clock = ev.clock;
      clockAt = performance.now();
      renderClock();
    } else {
      upsert(ev.message);
      // A roster command may have changed who is who.
      if (ev.message.sender === 'bot') refreshPeopleSoon();
    }
  });
  // After a reconnect, catch up on whatever changed while the stream was down.
  es.addEventListener('ready', async () => {
    if (!state) return;
    const fresh = await api<StateView>('state');
    for (const m of fresh.messages) if (JSON.stringify(messages.get(m.id)) !== JSON.stringify(m)) upsert(m);
  });
}

async function boot(): Promise<void> {
  state = await api<StateView>('state');
  clockAt = performance.now();
  for (const m of state.messages) messages.set(m.id, m);
  const saved = store.get('me');
  const firstSpecialist = state.people.find((p) => p.role === 'specialist' && p.active);
  me = saved && person(saved) ? saved : (firstSpecialist ?? state.people[0])?.openId ?? '';
  render();
  listen();
  setInterval(renderClock, 1000);
  document.body.dataset.ready = 'true';
}

void boot();
