/** What the visit, reception and reimbursement commands share: finding the customer named. */
import { customerNotFound, loadCustomer, type CustomerRow } from '../../app/customer/store.js';
import { findCustomers } from '../../app/customer/find.js';
import { i18n, pick } from '../../domain/i18n.js';
import type { ChatContext } from '../context.js';
import { splitPlanWords } from '../../domain/parse/intent.js';

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

/**
 * The customer a plan command names, and the time (and purpose) written after it:
 * `拜访 华能 下周三上午10点 谈续约`. The words as a whole name the customer first, so a name
 * that reads like a date (三月花科技) still works; only then is a date phrase taken out.
 */
export async function customerAndTime(ctx: ChatContext, words: string): Promise<{ customer: CustomerRow; prefill: { at: Date; purpose: string | null } | null } | null> {
  const split = splitPlanWords(words, ctx.now, ctx.deps.config.timeZone);
  if (split) {
    const whole = await customerNamed({ ...ctx, reply: async () => {} }, words);
    if (whole) return { customer: whole, prefill: null };
  }
  const customer = await customerNamed(ctx, split?.customer ?? words);
  return customer ? { customer, prefill: split ? { at: split.at, purpose: split.purpose } : null } : null;
}
