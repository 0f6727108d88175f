/** "/customers" / "我的客户": mine; a manager's team's; everyone's for the director and the assistant. */
import { customerListCard } from '../../../cards/customer-list.js';
import { listCustomers } from '../../app/customer/list.js';
import { i18n } from '../../domain/i18n.js';
import type { Command } from '../registry.js';

export const customersCommand: Command = {
  name: 'customers',
  words: ['customers', 'my customers', '我的客户', '客户列表'],
  title: i18n('我的客户', 'My customers'),
  usage: i18n('阶段、分类和档案完整度', 'stage, categories and completeness'),
  examples: { zh_cn: ['我的客户'], en_us: ['my customers'] },
  roles: ['specialist', 'manager', 'director', 'assistant'],
  button: true,
  async run(ctx) {
    await ctx.reply({ card: customerListCard(await listCustomers(ctx.tx, ctx.member)) });
  },
};
