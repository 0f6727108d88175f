/**
 * "/customer 名称或编号" / "客户 …" finds a customer (several matches → a pick list, one → its
 * archive card as this viewer may see it); "/customer new 名称" / "新客户 名称" creates one, or
 * shows the duplicate card when a similar name exists.
 */
import { customerDuplicateCard } from '../../../cards/customer-duplicate.js';
import { customerPickCard } from '../../../cards/customer-pick.js';
import { askForOwner } from '../../app/customer/assign-owner.js';
import { createCustomer } from '../../app/customer/create.js';
import { findCustomers } from '../../app/customer/find.js';
import { loadCustomer, loadCustomers } from '../../app/customer/store.js';
import { archiveCardFor, customerSubject, GROUP_VIEWER, groupArchiveCardFor, viewEnv } from '../../app/customer/view.js';
import { archiveOf } from '../../app/customer/store.js';
import { visibleArchive } from '../../domain/customer/visibility.js';
import { enqueueSend } from '../../app/outbox.js';
import { isDomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import type { ChatContext } from '../context.js';
import type { Command } from '../registry.js';


const NEW_WORD = /^(new|add|新建|新增|建档)(\s+|$)/i;

async function showArchive(ctx: ChatContext, customerId: string): Promise<void> {
  const [row, env] = await Promise.all([loadCustomer(ctx.tx, customerId), viewEnv(ctx.tx)]);
  const ownCard = () => archiveCardFor(ctx.tx, ctx.deps, env, row, ctx.member, ctx.now);
  if (ctx.message.chatType !== 'group') {
    await ctx.reply({ card: await ownCard() }, { subject: customerSubject(row.id, ctx.member.openId) });
    return;
  }
  // Issue 18: in a group, what anyone there may see; the asker's own view goes to them directly.
  const member = env.roster.get(ctx.member.openId) ?? ctx.member;
  const seen = visibleArchive(archiveOf(row), member, row.ownerId, env.roster);
  const more = seen.personal || seen.canEdit;
  const [groupCard, card] = await Promise.all([groupArchiveCardFor(ctx.tx, ctx.deps, env, row, ctx.now, { sentPrivately: more }), more ? ownCard() : null]);
  await ctx.reply({ card: groupCard }, { subject: customerSubject(row.id, GROUP_VIEWER) });
  if (card) await enqueueSend(ctx, { openId: ctx.member.openId }, { card }, { subject: customerSubject(row.id, ctx.member.openId) });
}

async function create(ctx: ChatContext, name: string): Promise<void> {
  const r = await createCustomer(ctx.tx, { name, actor: ctx.member }, ctx);
  if ('duplicates' in r) {
    const rows = await loadCustomers(ctx.tx, r.duplicates.map((d) => d.id));
    const env = await viewEnv(ctx.tx);
    const owner = new Map(rows.map((x) => [x.id, x.ownerId ? (env.roster.get(x.ownerId)?.name ?? null) : null]));
    await ctx.reply({ card: customerDuplicateCard({ name, duplicates: r.duplicates.map((d) => ({ ...d, ownerName: owner.get(d.id) ?? null })) }) });
    return;
  }
  await ctx.reply({ text: pick(i18n(`已建档：${r.created.name}（${r.created.archiveNo}）。请在档案卡片上逐项补充。`, `Created ${r.created.name} (${r.created.archiveNo}). Fill in the archive section by section on the card.`), ctx.locale) });
  await showArchive(ctx, r.created.id);
  const ask = await askForOwner(ctx.tx, r.created, ctx.member, ctx.deps);
  if (ask) await ctx.reply({ card: ask });
}

async function search(ctx: ChatContext, query: string): Promise<void> {
  const matches = await findCustomers(ctx.tx, query);
  if (!matches.length) {
    await ctx.reply({ text: pick(i18n(`找不到客户「${query}」。可以发送「新客户 ${query}」建档。`, `No customer matches "${query}". Send "/customer new ${query}" to create it.`), ctx.locale) });
    return;
  }
  // An exact hit (archive number, or the one name typed in full) opens directly.
  const exact = matches.filter((m) => m.score === 0 && (m.via === 'archive_no' || m.name === query));
  if (matches.length === 1 || exact.length === 1) {
    await showArchive(ctx, (exact[0] ?? matches[0])!.id);
    return;
  }
  await ctx.reply({ card: customerPickCard({ query, matches }) });
}

async function run(ctx: ChatContext, mode: 'auto' | 'new'): Promise<void> {
  const args = ctx.args.trim();
  const isNew = mode === 'new' || NEW_WORD.test(args);
  const rest = mode === 'new' ? args : args.replace(NEW_WORD, '').trim();
  try {
    if (isNew) {
      await create(ctx, rest);
      return;
    }
    if (!rest) {
      await ctx.reply({ text: pick(i18n('请写上客户名称或档案编号，例如：客户 华东电网，或 客户 KA-2026-0001', 'Give a name or archive number, e.g. /customer East China Grid or /customer KA-2026-0001'), ctx.locale) });
      return;
    }
    await search(ctx, rest);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
  }
}

export const customerCommand: Command = {
  name: 'customer',
  words: ['customer', '客户', '查客户'],
  strict: true,
  namesCustomer: true,
  title: i18n('查找客户', 'Find a customer'),
  usage: i18n('按名称、简称、拼音或档案编号查找', 'by name, short name, pinyin or archive number'),
  examples: { zh_cn: ['客户 名称或编号'], en_us: ['customer <name or number>'] },
  roles: 'all',
  run: (ctx) => run(ctx, 'auto'),
};

export const newCustomerCommand: Command = {
  name: 'customer-new',
  words: ['新客户', '新建客户', 'new customer'],
  title: i18n('新建客户档案', 'New customer'),
  usage: i18n('建档；相似名称会提示重复', 'opens an archive; similar names are flagged'),
  examples: { zh_cn: ['新客户 名称'], en_us: ['new customer <name>'] },
  roles: ['specialist', 'manager', 'director', 'assistant'],
  run: (ctx) => run(ctx, 'new'),
};
