/**
 * The sandbox's approval-centre view (/sandbox/approvals): what each person's Feishu 审批中心
 * would show of the bot's requests (setting 审批中心同步) — their 待办 (tasks still pending),
 * 已办, and what they submitted — fed from the instances the fake Lark holds as synced.
 * Server-rendered, read-only.
 */
import { formatDateTime } from '../domain/time.js';
import type { FakeApproval, FakeCentreInstance } from './fake-approval.js';
import { esc, SIDE_PAGE_CSS } from './side-page.js';


const CSS = SIDE_PAGE_CSS + `
.person h2 { font-size:15px; margin:4px 0 8px; } .person h3 { font-size:13px; margin:10px 0 4px; color:#4e5969; }
.item { border-left:4px solid #ff8800; padding:6px 10px; margin:6px 0; background:#fff7e8; border-radius:4px; }
.item.done { border-color:#c9cdd4; background:#f2f3f5; }
.status { font-size:12px; margin-left:6px; color:#4e5969; }
`;

const STATUS: Record<string, string> = {
  PENDING: '审批中', APPROVED: '已同意', REJECTED: '已拒绝', CANCELED: '已撤回', TRANSFERRED: '已转交', DONE: '已处理', DELETED: '已删除', HIDDEN: '—', TERMINATED: '已终止',
};

function line(i: FakeCentreInstance, status: string, at: number, timeZone: string, done: boolean): string {
  return `<div class="item${done ? ' done' : ''}" data-instance="${esc(i.instanceId)}"><a href="${esc(i.link)}">${esc(i.title)}</a><span class="status">${esc(STATUS[status] ?? status)}</span>
<div class="muted">${esc(formatDateTime(new Date(at), timeZone))}</div></div>`;
}

export function approvalPage(centre: FakeApproval, people: readonly { openId: string; name: string }[], timeZone: string): string {
  const all = [...centre.instances.values()];
  const sections = people.map((p) => {
    const todo: string[] = [];
    const done: string[] = [];
    for (const i of all) {
      for (const t of i.tasks.values()) {
        if (t.openId !== p.openId) continue;
        if (t.status === 'PENDING' && i.status === 'PENDING') todo.push(line(i, 'PENDING', t.createTime, timeZone, false));
        else done.push(line(i, t.status, t.endTime || t.updateTime, timeZone, true));
      }
    }
    const mine = all.filter((i) => i.openId === p.openId).map((i) => line(i, i.status, i.startTime, timeZone, i.status !== 'PENDING'));
    const block = (title: string, rows: string[]) => `<h3>${title}（${rows.length}）</h3>${rows.join('\n') || '<div class="muted">无 None</div>'}`;
    return `<div class="person" data-person="${esc(p.openId)}"><h2>${esc(p.name)} <span class="muted">${esc(p.openId)}</span></h2>
${block('待办 To do', todo)}${done.length ? block('已办 Done', done) : ''}${mine.length ? block('已发起 Submitted', mine) : ''}</div>`;
  });
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>审批中心 · 沙盒 Approval centre · Sandbox</title><style>${CSS}</style></head>
<body>
<h1>飞书审批中心（模拟） Feishu approval centre (emulated)</h1>
<div class="muted">设置「审批中心同步」为开后，每个申请出现在审批中心：审批人的待办、申请人的已发起；点击打开机器人的会话。· With 设置 审批中心同步 开, every request shows in the approval centre; a click opens the bot's chat. <a href="/sandbox">← 返回聊天 Back to the chat</a></div>
${sections.join('\n')}
</body></html>`;
}
