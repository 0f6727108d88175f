/** `待办` / `todo`: what I owe now, each item with its button (issue 15). */
import { todoCard } from '../../app/obligations/todo.js';
import { i18n, pick } from '../../domain/i18n.js';
import type { Command } from '../registry.js';

const NOTHING = i18n('目前没有待办事项：拜访总结、回访、报告、报备和审批都已处理。', 'Nothing to do right now: every summary, follow-up, report, check-in and approval is handled.');

export const todoCommand: Command = {
  name: 'todo',
  words: ['my todo', 'todo', 'to-do', '我的待办', '待办', '待办事项'],
  title: i18n('我的待办', 'My to-do list'),
  usage: i18n('你现在要做的所有事（总结、回访、报告、报备、审批），每项带按钮', 'everything you owe now (summaries, follow-ups, reports, check-ins, approvals), each with its button'),
  examples: { zh_cn: ['待办'], en_us: ['todo'] },
  roles: 'all',
  button: true,
  async run(ctx) {
    const card = await todoCard(ctx.tx, ctx.member, { now: ctx.now, timeZone: ctx.deps.config.timeZone, hasHandler: ctx.deps.handlesCardAction });
    if (!card) return ctx.reply({ text: pick(NOTHING, ctx.locale) });
    await ctx.reply({ card }, { private: true });
  },
};
