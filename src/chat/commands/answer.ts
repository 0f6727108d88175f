/**
 * `解答 华能` → the customer's open questions, each with an answer box; `解答 华能：答案…`
 * answers its one open question directly (with several open, the card asks which).
 */
import { answerQuestion, openQuestionsCardFor, openQuestionsOf } from '../../app/customer/answer-question.js';
import { isDomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import type { Command } from '../registry.js';
import { customerNamed } from './visit-common.js';

const USAGE = i18n('用法：解答 客户名称（列出待解答的问题），或 解答 客户名称：解答内容', 'Usage: /answer <customer> (lists open questions), or /answer <customer>: <the answer>');

export const answerCommand: Command = {
  name: 'answer',
  words: ['解答', '回答问题', 'answer'],
  strict: true,
  title: i18n('解答客户问题', 'Answer a customer question'),
  usage: i18n('列出客户待解答的问题，或直接写下解答', "list a customer's open questions, or give the answer"),
  examples: { zh_cn: ['解答 客户名称', '解答 客户名称：内容'], en_us: ['answer <customer>', 'answer <customer>: <text>'] },
  roles: ['specialist', 'manager', 'director', 'assistant'],
  async run(ctx) {
    const m = /^([^：:\n]+?)\s*(?:[：:\n]\s*([\s\S]*))?$/.exec(ctx.args.trim());
    const query = m?.[1]?.trim() ?? '';
    const answer = m?.[2]?.trim() ?? '';
    if (!query) {
      await ctx.reply({ text: pick(USAGE, ctx.locale) });
      return;
    }
    try {
      const hit = await customerNamed(ctx, query);
      if (!hit) return;
      const card = await openQuestionsCardFor(ctx.tx, hit.id, ctx.member, ctx.deps.config.timeZone);
      if (!card) {
        await ctx.reply({ text: pick(i18n(`「${hit.name}」没有待解答的问题。`, `${hit.name} has no open questions.`), ctx.locale) });
        return;
      }
      const open = await openQuestionsOf(ctx.tx, hit.id);
      if (answer && open.length === 1) {
        await answerQuestion(ctx.tx, { questionId: open[0]!.id, answer, actor: ctx.member }, ctx);
        await ctx.reply({ text: pick(i18n(`已记录「${hit.name}」问题的解答：${open[0]!.question.slice(0, 40)}`, `Recorded the answer to ${hit.name}'s question: ${open[0]!.question.slice(0, 40)}`), ctx.locale) });
        return;
      }
      if (answer) await ctx.reply({ text: pick(i18n(`「${hit.name}」有 ${open.length} 个待解答的问题，请在卡片上选择要解答的那一个。`, `${hit.name} has ${open.length} open questions; answer the right one on the card.`), ctx.locale) });
      await ctx.reply({ card });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
    }
  },
};
