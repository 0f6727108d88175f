/** Research material on a customer (the assistant's data support for prospects, §3.2.1): text notes. */
import { customerResearch } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { LIMITS } from '../../domain/customer/archive.js';
import { i18n } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { formText, recordableCustomer } from './record-common.js';
import { auditCustomer } from './store.js';

const RESEARCH_LABEL = i18n('调研资料', 'Research material');

export async function attachResearch(
  q: Q,
  input: { customerId: string; values: Record<string, unknown>; actor: Member },
  ctx: { now: Date },
): Promise<void> {
  const row = await recordableCustomer(q, input.customerId, input.actor);
  const body = formText(input.values, 'rs_text', RESEARCH_LABEL, LIMITS.text, true)!;
  await q.insert(customerResearch).values({ customerId: row.id, kind: 'text', body, addedBy: input.actor.openId, createdAt: ctx.now });
  await auditCustomer(q, ctx.now, input.actor.openId, 'customer.research', row.id, { kind: 'text', length: body.length });
}

/** A file or image sent as research (a reply to the customer's archive card in Lark). */
export async function attachResearchFile(
  q: Q,
  input: { customerId: string; actor: Member; kind: 'file' | 'image'; messageId: string; fileKey: string; fileName: string | null },
  ctx: { now: Date },
): Promise<CustomerName> {
  const row = await recordableCustomer(q, input.customerId, input.actor);
  await q.insert(customerResearch).values({
    customerId: row.id,
    kind: input.kind,
    messageId: input.messageId,
    fileKey: input.fileKey,
    fileName: input.fileName,
    addedBy: input.actor.openId,
    createdAt: ctx.now,
  });
  await auditCustomer(q, ctx.now, input.actor.openId, 'customer.research', row.id, { kind: input.kind, fileName: input.fileName });
  return { id: row.id, name: row.name };
}

interface CustomerName {
  id: string;
  name: string;
}
