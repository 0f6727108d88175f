/**
 * `待办` / `my todo`: every open duty of one person as the digest shows it, each with the button
 * its workflow left (the same lines, built by the same function, so the two never disagree).
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Q } from '../../../db/client.js';
import { obligations } from '../../../db/schema/index.js';
import { digestCard, type DigestView } from '../../../cards/digest.js';
import type { Card } from '../../../cards/kit.js';
import { i18n } from '../../domain/i18n.js';
import { todoSections } from '../../domain/reminders/index.js';
import type { Member } from '../../domain/roster.js';
import { toObligation } from './load.js';
import { digestLine, lineFacts } from './send-digests.js';

const TODO_TITLE = i18n('我的待办', 'My to-do list');

/** Null when nothing is owed. `hasHandler`: whether a card action still has a handler (deps.handlesCardAction). */
export async function todoCard(q: Q, member: Member, o: { now: Date; timeZone: string; hasHandler: (k: string) => boolean }): Promise<Card | null> {
  const open = await q
    .select()
    .from(obligations)
    .where(and(eq(obligations.ownerId, member.openId), isNull(obligations.doneAt), isNull(obligations.cancelledAt)))
    .orderBy(asc(obligations.dueAt));
  const sections = todoSections(open.map(toObligation), member.openId, o.now, o.timeZone);
  if (!sections.length) return null;
  const view: DigestView = {
    timeZone: o.timeZone,
    urgency: sections[0]!.urgency,
    own: sections.map((s) => ({
      kind: s.kind,
      lines: s.items.map((i) =>
        digestLine(
          { kind: i.obligation.kind, urgency: i.urgency, dueAt: i.obligation.dueAt, subjectId: i.obligation.subjectId, obligationId: i.obligation.id, step: '' },
          lineFacts(i.obligation.meta, o.hasHandler),
          member.name,
          true,
        ),
      ),
    })),
    oversight: [],
  };
  return digestCard(view, { title: TODO_TITLE });
}
