/**
 * The answer to a message nothing understood. Never the whole help card: a greeting gets a
 * short hello with the role's everyday commands; a word for something not built yet (导出,
 * 考核, 报表) gets what exists now; a text that reads like a visit summary, from someone with no
 * visit waiting for one, is told plainly that it was not saved and what to do; anything else
 * hears "没听懂" with the two or three closest commands.
 */
import { allNames } from '../app/customer/find.js';
import { pendingVisitsOf } from '../app/visit/store.js';
import { i18n, pick, type I18nText, type Locale } from '../domain/i18n.js';
import type { Role } from '../domain/roster.js';
import { parseVisitRecord } from '../domain/parse/visit-record.js';
import { findCustomerMention } from '../domain/parse/customer-mention.js';
import { looksLikeVisitSummary } from '../domain/visit/rules.js';
import { formatDateTime, formatFriendly } from '../domain/time.js';
import { guessIntent, type Intent } from '../domain/parse/intent.js';
import { closestCommands } from './closest.js';
import type { ChatContext } from './context.js';
import type { Command } from './registry.js';
import type { TextReading } from './free-text.js';

export type FallbackKind = 'greeting' | 'thanks' | 'figures' | 'summary_unsaved' | `intent_${Intent['kind']}` | 'not_understood';

/** Each role's everyday commands, in order: what a greeting offers and what "没听懂" falls back on. */
const TOP_COMMANDS: Record<Role, readonly string[]> = {
  specialist: ['visit', 'drafts', 'customers', 'report'],
  manager: ['pending', 'customers', 'reports', 'checkins'],
  director: ['pending', 'reports', 'customers'],
  assistant: ['checkins', 'customers', 'reports'],
  finance: ['pending', 'requests', 'customer'],
  admin: ['member', 'team', 'holiday'],
};

const GREETING = /^(?:在吗|在不在|在么|在嘛|你好|您好|你好呀|hi|hello|hey|哈喽|哈啰|嗨|早|早上好|早安|上午好|中午好|下午好|晚上好|有人吗|help me|小助手|助手)[\s!！~～。.？?，,]*$/iu;
const THANKS = /^(?:谢谢|谢啦|多谢|感谢|辛苦了|thanks|thank you|thx|ok|okay|好的|好|收到|知道了|明白|嗯|嗯嗯|👍)[\s!！~～。.，,]*$/iu;
/** Only emoji, Lark's [表情] codes and punctuation: someone saying hello without words. */
const ONLY_EMOJI = /^(?:[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f\s]|\[[^\]\s]{1,8}\]|[!！~～。.，,?？])+$/u;
/** Words for figures, reports and exports that are not command words: they are all under 绩效 (KPI / 考核 / 指标 are commands themselves). */
const FIGURES = /^(?:数据统计|kpis|完成率|回访率|满意度|报表|导出|export|stats|statistics|dashboard|看板|数据)(?:\s|$|[:：,，。!！?？])/iu;

const example = (c: Command, locale: Locale): string => (c.examples ? (c.examples[locale][0] ?? c.words[0]!) : c.words[0]!);
const lines = (cs: readonly Command[], locale: Locale): string => cs.map((c) => `· ${example(c, locale)}　${c.title[locale]}`).join('\n');
const topFor = (role: Role, allowed: readonly Command[]): Command[] =>
  TOP_COMMANDS[role].map((n) => allowed.find((c) => c.name === n)).filter((c): c is Command => Boolean(c));

export function classify(text: string): Exclude<FallbackKind, 'summary_unsaved' | 'not_understood'> | null {
  const t = text.trim();
  if (!t || ONLY_EMOJI.test(t) || GREETING.test(t)) return 'greeting';
  if (THANKS.test(t)) return 'thanks';
  if (FIGURES.test(t.replace(/^[/／]/, ''))) return 'figures';
  return null;
}

async function say(ctx: ChatContext, text: I18nText): Promise<void> {
  await ctx.reply({ text: pick(text, ctx.locale) });
}

/** The summary-like text's customer, if it names one the department knows. */
async function customerIn(ctx: ChatContext): Promise<string | null> {
  const names = (await allNames(ctx.tx)).map((r) => r.name);
  return names.length ? findCustomerMention(ctx.text, names) : null;
}

/**
 * When the text reads like a visit summary and nothing took it (no visit waits for one), says
 * plainly that it was not saved and what to do. True when it answered.
 */
export async function summaryUnsaved(ctx: ChatContext, reading?: TextReading): Promise<boolean> {
  if (!['specialist', 'manager', 'director', 'assistant', 'admin'].includes(ctx.member.role)) return false;
  // A free-text handler may have read it already: the verdict does not depend on the names it offered.
  const draft = reading?.visitDraft ?? parseVisitRecord(ctx.text, { now: ctx.now, timeZone: ctx.deps.config.timeZone, customerNames: [] });
  if (!looksLikeVisitSummary(ctx.text, draft)) return false;
  const tz = ctx.deps.config.timeZone;
  const inApproval = await pendingVisitsOf(ctx.tx, ctx.member.openId);
  const named = await customerIn(ctx);
  const plan = named ?? '客户名称';
  const planEn = named ?? '<customer>';
  const pendingZh = inApproval.map((v) => `${v.name}（${formatFriendly(v.at, tz, 'zh_cn')}）`).join('、');
  const pendingEn = inApproval.map((v) => `${v.name} (${formatFriendly(v.at, tz, 'en_us')})`).join(', ');
  await say(
    ctx,
    i18n(
      [
        '这段内容像是拜访总结，但没有保存：您目前没有已批准、等待总结的拜访。',
        inApproval.length ? `· 您的拜访 ${pendingZh} 还在审批中，批准后再把总结发给我即可。` : null,
        `· 这次拜访还没有计划的话，请先发送「拜访 ${plan}」补一份拜访计划，批准后再发总结。`,
        '请先自己保留这段文字。发送「草稿」可查看已保存但未确认的总结。',
      ].filter(Boolean).join('\n'),
      [
        'This reads like a visit summary, but it was not saved: you have no approved visit waiting for its summary.',
        inApproval.length ? `· Your visit ${pendingEn} is still being approved; send the summary again once it is.` : null,
        `· If the visit was never planned, send "visit ${planEn}" to file the plan first, then the summary once approved.`,
        'Please keep a copy of your text. "drafts" lists the summaries saved but not confirmed.',
      ].filter(Boolean).join('\n'),
    ),
  );
  return true;
}

/** Answers the message; returns which kind of answer it got (logged by the caller). */
export async function answerUnrecognised(ctx: ChatContext, allowed: readonly Command[], reading?: TextReading): Promise<FallbackKind> {
  const kind = classify(ctx.text);
  const top = topFor(ctx.member.role, allowed);
  if (kind === 'greeting') {
    await say(
      ctx,
      i18n(`您好，${ctx.member.name}！我在。常用：\n${lines(top, 'zh_cn')}\n发送「帮助」查看全部。`, `Hello ${ctx.member.name}! I'm here. You can:\n${lines(top, 'en_us')}\nSend "help" for everything.`),
    );
    return kind;
  }
  if (kind === 'thanks') {
    await say(ctx, i18n('不客气！有事随时发消息给我。', "You're welcome! Message me any time."));
    return kind;
  }
  if (kind === 'figures') {
    const now = ['kpi', 'assessment', 'targets', 'reports', 'customers', 'pending'].map((n) => allowed.find((c) => c.name === n)).filter((c): c is Command => Boolean(c));
    const exports = allowed.some((c) => c.name === 'kpi') && ctx.member.role !== 'finance';
    await say(
      ctx,
      i18n(
        `统计、报表和导出都在这里：\n${lines(now, 'zh_cn')}${exports ? '\n导出 Excel：发送「绩效 导出」，可加期间和范围，如「绩效 导出 上季度」；要 CSV 加「csv」。' : ''}`,
        `Figures, reports and exports are here:\n${lines(now, 'en_us')}${exports ? '\nTo export to Excel send "kpi export", with a period and scope if you like ("kpi export last quarter"); add "csv" for CSV.' : ''}`,
      ),
    );
    return kind;
  }
  if (await summaryUnsaved(ctx, reading)) return 'summary_unsaved';
  const close = closestCommands(ctx.text, allowed).map((c) => c.command);
  const shown = ctx.text.length > 20 ? `${[...ctx.text].slice(0, 20).join('')}…` : ctx.text;
  if (close.length) {
    await say(
      ctx,
      i18n(`没听懂「${shown}」。您是不是想：\n${lines(close, 'zh_cn')}\n发送「帮助」查看全部。`, `I did not understand "${shown}". Did you mean:\n${lines(close, 'en_us')}\nSend "help" for everything.`),
    );
  } else {
    await say(
      ctx,
      i18n(`没听懂「${shown}」。常用：\n${lines(top, 'zh_cn')}\n发送「帮助」查看全部。`, `I did not understand "${shown}". You can:\n${lines(top, 'en_us')}\nSend "help" for everything.`),
    );
  }
  return 'not_understood';
}

/** The command a guessed intent runs, and the words after its command word. */
function commandFor(intent: Intent, timeZone: string): { name: string; word: string; args: string } | null {
  const when = 'at' in intent && intent.at ? ` ${formatDateTime(intent.at, timeZone)}` : '';
  switch (intent.kind) {
    case 'plan_visit':
      return intent.customer ? { name: 'visit', word: '拜访', args: intent.customer + when } : null;
    case 'plan_reception':
      return intent.customer ? { name: 'reception', word: '接待', args: intent.customer + when } : null;
    case 'reimburse':
      return { name: 'reimburse', word: '报销', args: intent.customer ?? '' };
    case 'customer':
      return { name: 'customer', word: '客户', args: intent.customer };
    case 'travel':
      return { name: 'apply', word: '出差申请', args: '' };
    case 'kpi':
      return { name: 'kpi', word: '绩效', args: intent.args };
    case 'pending':
      return { name: 'pending', word: '待审批', args: '' };
    case 'todo':
      return { name: 'todo', word: '待办', args: '' };
    case 'hr':
      return null;
  }
}

/**
 * A message whose aim is clear though no command took it ("明天下午去申能拜访", "怎么报销打车费",
 * "华能的联系人是谁") gets what it asked for: the command it meant runs as if typed — each of
 * these only opens a form or shows a card, so a wrong guess changes nothing. Null when the aim
 * is not clear, or not something this person may do. Asked before a command word is matched
 * loosely: "团队这个月的业绩怎么样" is about figures, not a request for the roster.
 */
export async function answerIntent(ctx: ChatContext, allowed: readonly Command[], reading?: TextReading): Promise<FallbackKind | null> {
  const tz = ctx.deps.config.timeZone;
  // A report of what happened (even one that names the next visit) is the record flow's, or summaryUnsaved's.
  const draft = reading?.visitDraft ?? parseVisitRecord(ctx.text, { now: ctx.now, timeZone: tz, customerNames: [] });
  if (reading) reading.visitDraft = draft; // summaryUnsaved, after this, reads it from here
  if (looksLikeVisitSummary(ctx.text, draft)) return null;
  const intent = guessIntent({ text: ctx.text, now: ctx.now, timeZone: tz, customer: await customerIn(ctx) });
  if (!intent) return null;
  if (intent.kind === 'hr') {
    await say(
      ctx,
      i18n(
        '请假、考勤和薪资请在飞书的「审批」里办理，我这里不经手。\n我负责大客户部的拜访、接待、报销、出差和月报：发送「帮助」查看。',
        'Leave, attendance and pay go through Feishu\'s own Approval app, not through me.\nI handle the key-account work: visits, receptions, reimbursements, travel, monthly reports. Send "help" to see it all.',
      ),
    );
    return 'intent_hr';
  }
  const run = commandFor(intent, tz);
  const command = run && allowed.find((c) => c.name === run.name);
  if (!run || !command) {
    if (intent.kind !== 'plan_visit' && intent.kind !== 'plan_reception') return null;
    const [zh, en] = intent.kind === 'plan_visit' ? ['拜访', 'visit'] : ['接待', 'reception'];
    if (!allowed.some((c) => c.name === (intent.kind === 'plan_visit' ? 'visit' : 'reception'))) return null;
    await say(
      ctx,
      i18n(
        `要提交${zh}计划的话，请写上客户名称（时间可一起写），例如「${zh} 华能 明天下午」。新客户请先发送「新客户 名称」建档。`,
        `To plan a ${en}, name the customer (and the time if you like), e.g. "${en} Huaneng tomorrow 2pm". For a new customer send "new customer <name>" first.`,
      ),
    );
    return `intent_${intent.kind}`;
  }
  await command.run({ ...ctx, args: run.args, text: `${run.word} ${run.args}`.trim() });
  return `intent_${intent.kind}`;
}
