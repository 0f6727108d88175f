/**
 * Turns the nudges a tick claimed into one digest card per recipient, written to the outbox
 * with the uuid already stored on those nudge rows (so the row says which message carried it).
 */
import type { Q } from '../../../db/client.js';
import { decodeActionValue, type ActionValue } from '../../../cards/action-value.js';
import { digestCard, type DigestLine, type DigestView } from '../../../cards/digest.js';
import { DUTY_CLOSE } from '../../../cards/duty-close.js';
import { digestCards } from '../../../db/schema/index.js';
import { sendThing, THING } from '../../domain/glossary.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import type { Roster } from '../../domain/roster.js';
import { buildDigests, type NudgeIntent, type NudgeKind } from '../../domain/reminders/index.js';
import { enqueueSend } from '../outbox.js';
import type { Ids } from '../../ids.js';
import type { Logger } from '../../log.js';

export interface LineFacts {
  title?: string;
  action?: ActionValue;
}

const ACTION_LABEL: Partial<Record<NudgeKind, I18nText>> = {
  monthly_report: i18n('填写月报', 'Write the report'),
  visit_record: sendThing(THING.visitRecord),
  follow_up: i18n('记录回访', 'Record the follow-up'),
  reception_report: i18n('提交接待报告', 'Submit the report'),
  approval_step: i18n('打开审批', 'Open the approval'),
  trip_checkin: i18n('行程报备', 'Check in'),
  progress_report: i18n('汇报进展', 'Report progress'),
  equipment_return: i18n('登记归还', 'Record the return'),
  visit_material: i18n('已备好', 'Ready'),
};

/** The obligation's meta as display facts; an action is kept only if a handler answers it. */
export function lineFacts(meta: Record<string, unknown> | undefined, hasHandler: (k: string) => boolean): LineFacts {
  const title = typeof meta?.title === 'string' ? meta.title : undefined;
  const decoded = meta?.action ? decodeActionValue({ v: 1, ...(meta.action as object) }) : null;
  if (!decoded || !hasHandler(decoded.k)) return { title };
  const { v: _v, ...value } = decoded;
  return { title, action: value as ActionValue };
}

/** One digest line: the facts a workflow left on the duty, a button only on the owner's own. */
export function digestLine(
  n: Pick<NudgeIntent, 'kind' | 'urgency' | 'dueAt' | 'subjectId' | 'detail' | 'obligationId' | 'step'>,
  f: LineFacts,
  ownerName: string,
  own: boolean,
): DigestLine {
  const label = ACTION_LABEL[n.kind];
  return {
    kind: n.kind,
    urgency: n.urgency,
    dueAt: n.dueAt,
    title: f.title ?? n.subjectId,
    ownerName,
    ...(n.detail ? { detail: n.detail } : {}),
    ...(own && f.action && label ? { action: { value: f.action, label } } : {}),
    obligationId: n.obligationId,
    // Reminded weekly by now: the owner may say it no longer needs doing.
    ...(own && n.step.startsWith('weekly:') ? { close: { k: DUTY_CLOSE, o: n.obligationId } } : {}),
  };
}

export async function sendDigests(
  q: Q,
  claimed: readonly NudgeIntent[],
  o: {
    now: Date;
    timeZone: string;
    roster: Roster;
    facts: (obligationId: string) => LineFacts;
    outboxUuidFor: (recipientId: string) => string;
    ids: Ids;
    log: Logger;
  },
): Promise<number> {
  const name = (id: string) => o.roster.get(id)?.name ?? id;
  const line = (n: NudgeIntent, own: boolean): DigestLine => digestLine(n, o.facts(n.obligationId), name(n.ownerId), own);
  let sent = 0;
  for (const d of buildDigests(claimed, o.now)) {
    const view: DigestView = {
      timeZone: o.timeZone,
      urgency: d.urgency,
      own: d.own.map((s) => ({ kind: s.kind, lines: s.items.map((n) => line(n, true)) })),
      oversight: d.oversight.map((n) => line(n, false)),
    };
    const uuid = o.outboxUuidFor(d.recipientId);
    try {
      await enqueueSend({ tx: q, deps: o }, { openId: d.recipientId }, { card: digestCard(view) }, { uuid });
      await q.insert(digestCards).values({ uuid, recipientId: d.recipientId, view, sentAt: o.now }).onConflictDoNothing();
    } catch (error) {
      // The steps are already claimed: a card that cannot be built still reaches the person as text.
      o.log.error('tick.digest_card_failed', { recipientId: d.recipientId, error });
      const count = d.intents.length;
      await enqueueSend({ tx: q, deps: o }, { openId: d.recipientId }, { text: `您有 ${count} 项待办提醒，发送「帮助」查看。\nYou have ${count} reminders; send "help" to see them.` }, { uuid });
    }
    sent++;
  }
  return sent;
}
