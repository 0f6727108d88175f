/**
 * A report sent by message: parsed, attached to the right visit or reception — the one replied
 * to, the only one waiting, or the customer named — else a pick list; saved as a draft and
 * shown on a confirm card. Nothing is final until Confirm.
 */
import { eq } from 'drizzle-orm';
import { customers, receptions, visits } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import type { Card } from '../../../cards/kit.js';
import { draftConfirmCard, draftPickCard } from '../../../cards/visit-draft.js';
import { i18n, pick, type I18nText } from '../../domain/i18n.js';
import { formatFriendly } from '../../domain/time.js';
import { dayContradicts } from '../../domain/visit/rules.js';
import type { Conversation } from '../conversation.js';
import { candidateLabel, type Candidate, type DraftKindSpec, type ReadReport } from './draft-kinds.js';
import { saveDraft, type DraftRow } from './draft-store.js';

/** Which waiting record the message is about, or the choices to offer. */
function resolveTarget(cands: readonly Candidate[], replied: string | null, customer: string | null): { target: string } | { choices: Candidate[] } {
  if (replied && cands.some((c) => c.subjectId === replied)) return { target: replied };
  if (customer) {
    const named = cands.filter((c) => c.customerName === customer || c.customerName.includes(customer) || customer.includes(c.customerName));
    if (named.length === 1) return { target: named[0]!.subjectId };
    if (named.length > 1) return { choices: named };
  }
  if (cands.length === 1) return { target: cands[0]!.subjectId };
  return { choices: [...cands] };
}

async function subjectRow(q: Q, type: 'visit' | 'reception', id: string): Promise<{ at: Date; name: string } | undefined> {
  const table = type === 'visit' ? visits : receptions;
  const at = type === 'visit' ? visits.visitAt : receptions.receptionAt;
  const [row] = await q.select({ at, name: customers.name }).from(table).innerJoin(customers, eq(customers.id, table.customerId)).where(eq(table.id, id));
  return row;
}

/** "中国华能 · 12月3日 周四 14:30" for a visit or reception. */
export async function describeSubject(q: Q, type: 'visit' | 'reception', id: string, tz: string): Promise<string> {
  const row = await subjectRow(q, type, id);
  return row ? candidateLabel({ subjectId: id, customerName: row.name, at: row.at }, tz) : id;
}

const dayText = (at: Date, tz: string) => i18n(formatFriendly(at, tz, 'zh_cn').split(' ')[0]!, formatFriendly(at, tz, 'en_us').split(' ').slice(0, 2).join(' '));

/** The day written is not the planned day: said on the confirm card. */
function dayWarning(written: Date, planned: Date, tz: string): I18nText {
  const w = dayText(written, tz);
  const p = dayText(planned, tz);
  return i18n(`你写的日期是 ${w.zh_cn}，这次计划在 ${p.zh_cn}。请核对是不是这一次。`, `You wrote ${w.en_us}; this one was planned for ${p.en_us}. Check it is the right one.`);
}

export async function draftCard(q: Q, spec: DraftKindSpec, draft: DraftRow, tz: string): Promise<Card> {
  if (!draft.subjectId) {
    const cands = await spec.candidates(q, draft.ownerId);
    return draftPickCard({ id: draft.id, kind: spec.kind, options: cands.map((c) => ({ subjectId: c.subjectId, label: candidateLabel(c, tz) })) });
  }
  const row = await subjectRow(q, spec.subjectType, draft.subjectId);
  const written = spec.writtenDay?.(draft.fields) ?? null;
  return draftConfirmCard({
    id: draft.id,
    kind: spec.kind,
    subject: row ? candidateLabel({ subjectId: draft.subjectId, customerName: row.name, at: row.at }, tz) : draft.subjectId,
    rows: spec.rows(draft.fields, tz),
    missing: draft.status === 'open' ? spec.missing(draft.fields) : [],
    guessed: spec.guessed?.(draft.fields) ?? false,
    warning: row && written && dayContradicts(written, row.at, tz) ? dayWarning(written, row.at, tz) : null,
    state: draft.status,
  });
}

/**
 * `known`: the records waiting and the text read against their customers' names, when the
 * caller already has both (it read them to decide the message is a report): not read again.
 */
export async function takeReport(ctx: Conversation, spec: DraftKindSpec, replied: string | null, known?: { candidates: Candidate[]; parsed: ReadReport }): Promise<void> {
  const tz = ctx.deps.config.timeZone;
  const cands = known?.candidates ?? (await spec.candidates(ctx.tx, ctx.member.openId));
  if (!cands.length) {
    await ctx.reply({ text: pick(spec.noneWaiting, ctx.locale) });
    return;
  }
  if (replied && !cands.some((c) => c.subjectId === replied)) {
    await ctx.reply({
      text: pick(i18n('你回复的这张卡片对应的记录现在不需要这份内容（可能还在审批、已提交或已取消）。', 'The card you replied to does not take this now (it may be in approval, done or cancelled).'), ctx.locale),
    });
    return;
  }
  const names = [...new Set(cands.map((c) => c.customerName))];
  const parsed = known?.parsed ?? spec.parse(ctx.text, { now: ctx.now, timeZone: tz, customerNames: names });
  const where = resolveTarget(cands, replied, parsed.customer);
  const subjectId = 'target' in where ? where.target : null;
  // "今天上午拜访了…" for a visit planned two days later is not silently taken as that visit:
  // ask, with the visits of the day written first.
  const written = spec.writtenDay?.(parsed.fields) ?? null;
  const guess = subjectId && !replied ? cands.find((c) => c.subjectId === subjectId) : undefined;
  if (written && guess && dayContradicts(written, guess.at, tz)) {
    const sameDay = cands.filter((c) => !dayContradicts(written, c.at, tz));
    const options = [...sameDay, ...cands.filter((c) => !sameDay.includes(c))];
    const draft = await saveDraft(ctx.tx, { ownerId: ctx.member.openId, kind: spec.kind, subjectId: null, text: ctx.text, fields: parsed.fields, now: ctx.now });
    const w = dayText(written, tz);
    const p = dayText(guess.at, tz);
    const question = sameDay.length
      ? i18n(`你写的日期是 ${w.zh_cn}，那天计划的是第一项。是哪一次？`, `You wrote ${w.en_us}; the first one below was planned that day. Which one is it?`)
      : i18n(`你写的日期是 ${w.zh_cn}，但「${guess.customerName}」这次计划在 ${p.zh_cn}。是这一次吗？`, `You wrote ${w.en_us}, but the ${guess.customerName} ${spec.subjectType} was planned for ${p.en_us}. Is it this one?`);
    await ctx.reply({ card: draftPickCard({ id: draft.id, kind: spec.kind, question, options: options.map((c) => ({ subjectId: c.subjectId, label: candidateLabel(c, tz) })) }) });
    return;
  }
  const fields = subjectId && spec.complete ? await spec.complete(ctx.tx, subjectId, parsed.fields) : parsed.fields;
  const draft = await saveDraft(ctx.tx, { ownerId: ctx.member.openId, kind: spec.kind, subjectId, text: ctx.text, fields, now: ctx.now });
  if ('choices' in where && where.choices.length < cands.length) {
    await ctx.reply({ card: draftPickCard({ id: draft.id, kind: spec.kind, options: where.choices.map((c) => ({ subjectId: c.subjectId, label: candidateLabel(c, tz) })) }) });
    return;
  }
  await ctx.reply({ card: await draftCard(ctx.tx, spec, draft, tz) });
}
