/**
 * `反馈 华东机械 希望缩短交货周期` records a customer's feedback that needs our answer, due after
 * the standard time (setting 意见反馈时限); `反馈 华东机械` lists what is still open. `已反馈 华东机械`
 * marks its one open item given (with several, the card asks which; `已反馈 华东机械：答复…`
 * keeps a note of what was said). The customer is found as the other record commands find it.
 */
import { giveFeedback, openFeedbackCardFor, openFeedbackOf, recordFeedback } from '../../app/customer/feedback.js';
import { isDomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import { formatDateTime } from '../../domain/time.js';
import type { ChatContext } from '../context.js';
import type { Command } from '../registry.js';
import { customerNamed } from './visit-common.js';

const ROLES = ['specialist', 'manager', 'director', 'assistant'] as const;

/** "华东机械：内容" or "华东机械 内容" → the customer words and the rest. */
function split(args: string): { query: string; rest: string } {
  const t = args.trim();
  const colon = /^([^：:\n]+?)\s*[：:\n]\s*([\s\S]*)$/.exec(t);
  if (colon) return { query: colon[1]!.trim(), rest: colon[2]!.trim() };
  const space = /^(\S+)\s+([\s\S]+)$/.exec(t);
  return space ? { query: space[1]!, rest: space[2]!.trim() } : { query: t, rest: '' };
}

async function replyError(ctx: ChatContext, e: unknown): Promise<void> {
  if (!isDomainError(e)) throw e;
  await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
}

const RECORD_USAGE = i18n('用法：反馈 客户名称 反馈内容（记录需要我方答复的客户意见），或 反馈 客户名称（查看待反馈的意见）', 'Usage: /feedback <customer> <what they said> (records feedback we must answer), or /feedback <customer> (lists what is open)');

export const feedbackCommand: Command = {
  name: 'feedback',
  words: ['反馈', '意见反馈', '客户反馈', 'feedback'],
  strict: true,
  namesCustomer: true,
  title: i18n('客户意见反馈', 'Customer feedback'),
  usage: i18n('记录需要在标准时间内答复的客户意见', 'record customer feedback we must answer within the standard time'),
  examples: { zh_cn: ['反馈 客户名称 反馈内容', '反馈 客户名称'], en_us: ['feedback <customer> <text>', 'feedback <customer>'] },
  roles: ROLES,
  async run(ctx) {
    const { query, rest } = split(ctx.args);
    if (!query) {
      await ctx.reply({ text: pick(RECORD_USAGE, ctx.locale) });
      return;
    }
    try {
      const hit = await customerNamed(ctx, query);
      if (!hit) return;
      const tz = ctx.deps.config.timeZone;
      if (!rest) {
        const card = await openFeedbackCardFor(ctx.tx, hit.id, ctx.member, tz, ctx.now);
        if (card) await ctx.reply({ card });
        else await ctx.reply({ text: pick(i18n(`「${hit.name}」没有待反馈的意见。记录一条：反馈 ${hit.name} 反馈内容`, `${hit.name} has no feedback waiting. To record one: feedback ${hit.name} <text>`), ctx.locale) });
        return;
      }
      const { feedback, customer } = await recordFeedback(ctx.tx, { customerId: hit.id, body: rest, actor: ctx.member }, { now: ctx.now, timeZone: tz, ids: ctx.deps.ids });
      const due = formatDateTime(feedback.dueAt, tz);
      await ctx.reply({
        text: pick(i18n(
          `已记录「${customer.name}」的意见反馈，须在 ${due} 前反馈（标准 ${feedback.standardHours} 小时）。反馈后发送「已反馈 ${customer.name}」。`,
          `Recorded feedback from ${customer.name}; answer it by ${due} (standard ${feedback.standardHours} h). Then send "feedback given ${customer.name}".`,
        ), ctx.locale),
      });
    } catch (e) {
      await replyError(ctx, e);
    }
  },
};

const GIVEN_USAGE = i18n('用法：已反馈 客户名称（可加：答复要点）', 'Usage: /feedback given <customer> (optionally: what we answered)');

export const feedbackGivenCommand: Command = {
  name: 'feedback given',
  words: ['已反馈', '反馈完成', 'feedback given', 'feedback done'],
  strict: true,
  namesCustomer: true,
  title: i18n('已反馈', 'Feedback answered'),
  usage: i18n('标记客户意见已在规定时间内反馈', 'mark customer feedback as answered'),
  examples: { zh_cn: ['已反馈 客户名称', '已反馈 客户名称：答复要点'], en_us: ['feedback given <customer>', 'feedback given <customer>: <what we said>'] },
  roles: ROLES,
  async run(ctx) {
    const { query, rest } = split(ctx.args);
    if (!query) {
      await ctx.reply({ text: pick(GIVEN_USAGE, ctx.locale) });
      return;
    }
    try {
      const hit = await customerNamed(ctx, query);
      if (!hit) return;
      const tz = ctx.deps.config.timeZone;
      const card = await openFeedbackCardFor(ctx.tx, hit.id, ctx.member, tz, ctx.now);
      if (!card) {
        await ctx.reply({ text: pick(i18n(`「${hit.name}」没有待反馈的意见。`, `${hit.name} has no feedback waiting.`), ctx.locale) });
        return;
      }
      const open = await openFeedbackOf(ctx.tx, hit.id);
      if (open.length === 1) {
        const { feedback } = await giveFeedback(ctx.tx, { feedbackId: open[0]!.id, reply: rest || undefined, actor: ctx.member }, ctx);
        const late = feedback.givenAt!.getTime() > feedback.dueAt.getTime();
        await ctx.reply({
          text: pick(late
            ? i18n(`已记录「${hit.name}」的意见已反馈（超过标准时间）：${feedback.body.slice(0, 40)}`, `Recorded as answered, after the standard time: ${hit.name}: ${feedback.body.slice(0, 40)}`)
            : i18n(`已记录「${hit.name}」的意见已按时反馈：${feedback.body.slice(0, 40)}`, `Recorded as answered on time: ${hit.name}: ${feedback.body.slice(0, 40)}`), ctx.locale),
        });
        return;
      }
      await ctx.reply({ text: pick(i18n(`「${hit.name}」有 ${open.length} 条待反馈的意见，请在卡片上标记已反馈的那一条。`, `${hit.name} has ${open.length} feedback items waiting; mark the right one on the card.`), ctx.locale) });
      await ctx.reply({ card });
    } catch (e) {
      await replyError(ctx, e);
    }
  },
};
