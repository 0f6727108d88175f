/**
 * "Fill in: X" on the archive card. The owner clicking it gets the section's form at once;
 * someone else in the owner's line (manager, director, assistant) sends the owner one question
 * with the form attached. Each ask is logged, and the same field is not asked again within a
 * day, so the owner is asked for one missing field at a time rather than spammed.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import { customerFieldAsks } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { customerEditCard } from '../../../cards/customer-edit.js';
import type { Card } from '../../../cards/kit.js';
import { fieldLabel, isFieldKey } from '../../domain/customer/labels.js';
import { sectionOf, type Section } from '../../domain/customer/sections.js';
import { visibleArchive, withoutPersonal } from '../../domain/customer/visibility.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import type { Member, Roster } from '../../domain/roster.js';
import { ymd } from '../../domain/time.js';
import { enqueueSend } from '../outbox.js';
import type { Deps } from '../deps.js';
import { archiveOf, forbiddenEdit, loadCustomer, loadRosterMap, type CustomerRow } from './store.js';
import { ASK_QUIET_MS } from './view.js';

export type AskResult = { mode: 'self'; card: Card } | { mode: 'asked'; ownerName: string };

export function editCardFor(row: CustomerRow, section: Section, personal: boolean, now: Date, timeZone: string, contactIndex?: number | null): Card {
  const archive = archiveOf(row);
  return customerEditCard({
    customerId: row.id,
    customerName: row.name,
    section,
    // Defence in depth: the form leaves personal boxes out anyway, but nothing hidden is even passed.
    archive: personal ? archive : withoutPersonal(archive),
    currentYear: Number(ymd(now, timeZone).slice(0, 4)),
    includePersonal: personal,
    contactIndex: contactIndex ?? null,
    version: row.version,
  });
}

export async function askField(tx: Tx, input: { customerId: string; field: string; actor: Member }, ctx: { deps: Deps; now: Date; roster?: Roster }): Promise<AskResult> {
  const row = await loadCustomer(tx, input.customerId);
  const roster = await loadRosterMap(tx, ctx.roster);
  const actor = roster.get(input.actor.openId) ?? input.actor;
  const seen = visibleArchive(archiveOf(row), actor, row.ownerId, roster);
  if (!seen.canEdit) throw forbiddenEdit();
  const field = input.field;
  const section = isFieldKey(field) ? sectionOf(field) : null;
  if (!isFieldKey(field) || !section) throw new DomainError('VALIDATION', i18n('无法识别要补充的字段。', 'That field is not recognised.'));
  const tz = ctx.deps.config.timeZone;
  const owner = row.ownerId ? roster.get(row.ownerId) : undefined;
  const self = !owner?.active || owner.openId === actor.openId;
  // One row per (customer, field): a new ask replaces an old one only after the quiet window.
  const logged = await tx
    .insert(customerFieldAsks)
    .values({ customerId: row.id, field, ownerId: owner?.openId ?? actor.openId, askedBy: actor.openId, askedAt: ctx.now })
    .onConflictDoUpdate({
      target: [customerFieldAsks.customerId, customerFieldAsks.field],
      set: { askedBy: sql`excluded.asked_by`, askedAt: sql`excluded.asked_at`, ownerId: sql`excluded.owner_id` },
      where: lt(customerFieldAsks.askedAt, new Date(ctx.now.getTime() - ASK_QUIET_MS)),
    })
    .returning({ field: customerFieldAsks.field });
  if (self) return { mode: 'self', card: editCardFor(row, section, seen.personal, ctx.now, tz) };
  if (!logged.length) {
    const [prev] = await tx.select().from(customerFieldAsks).where(and(eq(customerFieldAsks.customerId, row.id), eq(customerFieldAsks.field, field)));
    const by = prev ? (roster.get(prev.askedBy)?.name ?? prev.askedBy) : '';
    throw new DomainError('CONFLICT', i18n(`今天已经请 ${owner.name} 补充过这一项（${by}），不再重复提醒。`, `${owner.name} was already asked for this today (by ${by}); not asking again.`));
  }
  const label = fieldLabel(field);
  const text = i18n(
    `${actor.name} 请您补充客户「${row.name}」（${row.archiveNo}）的档案：${label.zh_cn}。`,
    `${actor.name} asks you to fill in ${label.en_us} for ${row.name} (${row.archiveNo}).`,
  );
  await enqueueSend({ tx, deps: ctx.deps }, { openId: owner.openId }, { text: pick(text, owner.locale) });
  const ownerSees = visibleArchive(archiveOf(row), owner, row.ownerId, roster);
  await enqueueSend({ tx, deps: ctx.deps }, { openId: owner.openId }, { card: editCardFor(row, section, ownerSees.personal, ctx.now, tz) });
  return { mode: 'asked', ownerName: owner.name };
}
