/**
 * `负责人 华能 @张三` / `转交客户 华能 @张三` / `/owner <customer> @someone`: a manager, the
 * director or an admin sets or transfers one customer's owner. Without a mention it sends the
 * owner form (the person picker) for that customer.
 */
import { assignOwner, ownerFormFor } from '../../app/customer/assign-owner.js';
import { isDomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import type { Command } from '../registry.js';
import { customerNamed } from './visit-common.js';

const USAGE = i18n('用法：负责人 客户名称 @接手的专员（例如：负责人 华能 @李专员）', 'Usage: /owner <customer> @new-owner (e.g. /owner Huaneng @Li)');

export const ownerCommand: Command = {
  name: 'owner',
  words: ['负责人', '转交客户', '设置负责人', '设置 负责人', 'owner'],
  strict: true,
  title: i18n('客户负责人', 'Customer owner'),
  usage: i18n('设置或转交客户负责人（双方都会收到通知）', 'set or transfer who owns a customer (both are told)'),
  examples: { zh_cn: ['负责人 客户名称 @成员'], en_us: ['owner <customer> @member'] },
  roles: ['manager', 'director', 'admin', 'assistant'],
  async run(ctx) {
    let query = ctx.args;
    for (const m of ctx.mentions) query = query.split(`@${m.name}`).join(' ');
    query = query.trim();
    if (!query || ctx.mentions.length > 1) {
      await ctx.reply({ text: pick(USAGE, ctx.locale) });
      return;
    }
    try {
      const row = await customerNamed(ctx, query);
      if (!row) return;
      const to = ctx.mentions[0];
      if (!to) {
        await ctx.reply({ card: await ownerFormFor(ctx.tx, row, ctx.member, ctx.deps) });
        return;
      }
      const after = await assignOwner(ctx.tx, { customerId: row.id, toId: to.openId, toName: to.name, actor: ctx.member }, ctx);
      await ctx.reply({ text: pick(i18n(`已将「${after.name}」交由 ${to.name} 负责，双方已收到通知。`, `${to.name} now owns ${after.name}; both have been told.`), ctx.locale) });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
    }
  },
};
