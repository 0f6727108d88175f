/**
 * The sandbox's tasks view (/sandbox/tasks): what each person's Feishu task centre would show of
 * the bot's tasks (设置 任务同步 开) — the visit summaries and follow-ups they are assigned or follow,
 * open ones first by due time — and the tasks the bot deleted, struck through. Server-rendered,
 * read-only, in the shape of calendar-page.ts.
 */
import { formatDateTime } from '../domain/time.js';
import type { FakeTask, FakeTasks } from './fake-tasks.js';
import { esc, SIDE_PAGE_CSS } from './side-page.js';


const CSS = SIDE_PAGE_CSS + `
.person h2 { font-size:15px; margin:4px 0 8px; }
.task { border-left:4px solid #3370ff; padding:6px 10px; margin:8px 0; background:#f0f4ff; border-radius:4px; }
.task.done { border-color:#34c724; background:#f0fbef; } .task.done .what { text-decoration:line-through; color:#4e5969; }
.task.deleted { border-color:#c9cdd4; background:#f2f3f5; text-decoration:line-through; color:#8f959e; }
.task .what { font-weight:600; } .task .desc { font-size:12px; color:#4e5969; margin-top:2px; }
`;

const names = (t: FakeTask, role: string, nameOf: (id: string) => string) => t.members.filter((m) => m.role === role).map((m) => nameOf(m.id)).join('、') || '—';

function taskHtml(t: FakeTask, timeZone: string, nameOf: (id: string) => string, me?: string): string {
  const due = t.due === null ? '无截止时间 No due time' : `截止 Due ${formatDateTime(new Date(t.due), timeZone)}`;
  const state = t.deleted ? '已删除 Deleted' : t.completedAt !== null ? `✓ 已完成 Done ${formatDateTime(new Date(t.completedAt), timeZone)}` : '未完成 Open';
  const mine = me ? t.members.filter((m) => m.id === me).map((m) => (m.role === 'assignee' ? '我负责 Mine' : '我关注 Following')).join(' · ') : '';
  return `<div class="task${t.deleted ? ' deleted' : t.completedAt !== null ? ' done' : ''}" data-task="${esc(t.guid)}">
<div class="what">${esc(t.summary)}</div>
<div class="muted">${esc(due)} · ${esc(state)}${mine ? ` · ${esc(mine)}` : ''}</div>
<div class="muted">负责人 Assignee: ${esc(names(t, 'assignee', nameOf))} · 关注人 Followers: ${esc(names(t, 'follower', nameOf))}</div>
${t.description ? `<div class="desc">${esc(t.description)}</div>` : ''}</div>`;
}

/** Open first, soonest due first; then the done ones, latest done first. */
const order = (a: FakeTask, b: FakeTask) =>
  Number(a.completedAt !== null) - Number(b.completedAt !== null) ||
  (a.completedAt !== null ? (b.completedAt ?? 0) - a.completedAt : (a.due ?? Infinity) - (b.due ?? Infinity)) ||
  a.guid.localeCompare(b.guid);

export function tasksPage(tasks: FakeTasks, people: readonly { openId: string; name: string }[], timeZone: string): string {
  const known = new Map(people.map((p) => [p.openId, p.name]));
  const nameOf = (id: string) => known.get(id) ?? id;
  const none = '<div class="muted">没有任务 No tasks</div>';
  const sections = people.map((p) => {
    const mine = tasks.of(p.openId).sort(order);
    const body = mine.length ? mine.map((t) => taskHtml(t, timeZone, nameOf, p.openId)).join('\n') : none;
    return `<div class="person" data-person="${esc(p.openId)}"><h2>${esc(p.name)} <span class="muted">${esc(p.openId)}</span></h2>${body}</div>`;
  });
  const deleted = [...tasks.tasks.values()].filter((t) => t.deleted);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>任务 · 沙盒 Tasks · Sandbox</title><style>${CSS}</style></head>
<body>
<h1>飞书任务（模拟） Feishu tasks (emulated)</h1>
<div class="muted">设置「任务同步」为开后，拜访总结和回访成为拜访人的飞书任务，经理关注；在机器人里完成后任务自动勾选。时间为 ${esc(timeZone)}。· With 设置 任务同步 开, visit summaries and follow-ups become the visitor's Feishu tasks, the manager following; done in the bot, ticked here. <a href="/sandbox">← 返回聊天 Back to the chat</a></div>
${sections.join('\n')}
<div class="person" data-person="deleted"><h2>已删除的任务 Deleted tasks</h2>${deleted.length ? deleted.map((t) => taskHtml(t, timeZone, nameOf)).join('\n') : none}</div>
</body></html>`;
}
