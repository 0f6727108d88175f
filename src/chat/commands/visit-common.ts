/** What the visit, reception and reimbursement commands share: finding the customer named. */
import { customerNotFound, loadCustomer, type CustomerRow } from '../../app/customer/store.js';
import { findCustomers } from '../../app/customer/find.js';
import { i18n, pick } from '../../domain/i18n.js';
import type { ChatContext } from '../context.js';

/**
 * The customer the words name: an exact or single match; several close ones are listed for the
 * person to be more precise; none is said plainly. Replies itself when it returns null.
 */
export async function customerNamed(ctx: ChatContext, words: string): Promise<CustomerRow | null> {
  const matches = await findCustomers(ctx.tx, words);
  if (!matches.length) {
    await ctx.reply({ text: pick(customerNotFound(words).userMessage, ctx.locale) });
    return null;
  }
  const best = matches[0]!;
  const clear = matches.length === 1 || best.score === 0 || best.name === words || best.archiveNo === words;
  if (!clear) {
    const names = matches.slice(0, 5).map((m) => m.name);
    await ctx.reply({ text: pick(i18n(`有多个相近的客户：${names.join('、')}。请写完整名称或档案编号。`, `Several customers match: ${names.join(', ')}. Give the full name or the archive number.`), ctx.locale) });
    return null;
  }
  return loadCustomer(ctx.tx, best.id);
}
