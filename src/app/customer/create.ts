/**
 * Creating a customer (新客户). A name like an existing customer's is not created: the caller
 * shows the duplicate card, whose "create anyway" comes back with `force`. The archive number
 * comes from the per-year counter row, whose row lock makes concurrent creations take turns.
 */
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, customerArchiveCounters, customers } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { Archive } from '../../domain/customer/archive.js';
import { formatArchiveNumber } from '../../domain/customer/archive-number.js';
import { coreName, normalizeName } from '../../domain/customer/name.js';
import { findDuplicates, type DuplicateMatch } from '../../domain/customer/search.js';
import { parseOrThrow } from '../../domain/customer/validation.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { ymd } from '../../domain/time.js';
import type { Deps } from '../deps.js';
import { auditCustomer, findCustomer, type CustomerRow } from './store.js';
import { customerNameIndex } from './find.js';
import { recordOwners } from './owner-history.js';

export type CreateResult = { created: CustomerRow } | { duplicates: DuplicateMatch[] };

/** Who may open archives: the field staff, their manager, the director and the assistant. */
function mayCreate(m: Member): boolean {
  return m.active && ['specialist', 'manager', 'director', 'assistant'].includes(m.role);
}

export async function createCustomer(
  tx: Tx,
  input: { name: string; actor: Member; force?: boolean; sourceMessageId?: string | null },
  ctx: { deps: Deps; now: Date },
): Promise<CreateResult> {
  if (!mayCreate(input.actor)) {
    throw new DomainError('FORBIDDEN', i18n('只有专员、经理、总监和内勤可以建立客户档案。', 'Only specialists, managers, the director and the assistant can create customers.'));
  }
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (!normalizeName(name)) {
    throw new DomainError('VALIDATION', i18n('请写上客户名称，例如：新客户 华东电网有限公司', 'Give the customer name, e.g. /customer new East China Grid Co., Ltd.'));
  }
  const archive = parseOrThrow(Archive, { name });
  if (input.sourceMessageId) {
    // "Create anyway" clicked twice on the same warning card: the first click's customer is the answer.
    const [prior] = await tx
      .select({ id: auditLog.subjectId })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'customer.create'), sql`${auditLog.detail}->>'sourceMessageId' = ${input.sourceMessageId}`));
    const existing = prior ? await findCustomer(tx, prior.id) : null;
    if (existing) return { created: existing };
  }
  if (!input.force) {
    const duplicates = findDuplicates(name, await customerNameIndex(tx));
    if (duplicates.length) return { duplicates };
  }
  const year = Number(ymd(ctx.now, ctx.deps.config.timeZone).slice(0, 4));
  const [counter] = await tx
    .insert(customerArchiveCounters)
    .values({ year, lastSeq: 1 })
    .onConflictDoUpdate({ target: customerArchiveCounters.year, set: { lastSeq: sql`${customerArchiveCounters.lastSeq} + 1` } })
    .returning({ seq: customerArchiveCounters.lastSeq });
  const seq = counter!.seq;
  // A specialist creating their own prospect owns it; anyone else's new customer waits for an owner.
  const ownerId = input.actor.role === 'specialist' ? input.actor.openId : null;
  const [row] = await tx
    .insert(customers)
    .values({
      id: ctx.deps.ids.newId(),
      archiveNo: formatArchiveNumber({ year, seq }),
      archiveYear: year,
      archiveSeq: seq,
      createdOn: ymd(ctx.now, ctx.deps.config.timeZone),
      name,
      coreName: coreName(name),
      ownerId,
      stage: 'prospect',
      archive,
      createdBy: input.actor.openId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  if (ownerId) await recordOwners(tx, { customerIds: [row!.id], ownerId, at: ctx.now, actorId: input.actor.openId, via: 'create' });
  await auditCustomer(tx, ctx.now, input.actor.openId, 'customer.create', row!.id, { name, archiveNo: row!.archiveNo, forced: Boolean(input.force), sourceMessageId: input.sourceMessageId ?? null });
  return { created: row! };
}
