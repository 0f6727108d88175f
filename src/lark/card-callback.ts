/**
 * `card.action.trigger`, handled inside the request so the answer can carry a toast and the
 * new card within Lark's 3 s (lark.md §3.3). The event_id row makes a duplicate get the same
 * answer; the handler runs in a savepoint, so a refused action changes nothing.
 */
import { eq } from 'drizzle-orm';
import { inboundEvents } from '../../db/schema/index.js';
import type { Tx } from '../../db/client.js';
import type { Deps } from '../app/deps.js';
import type { NormalizedEvent } from './envelope.js';
import { CardActionEvent, TAMPERED, toast, type CardAction, type CardResponse } from '../app/card-handler.js';
import { decodeActionValue, type DecodedActionValue } from '../../cards/action-value.js';
import { fitCard } from '../../cards/fit.js';
import { i18n } from '../domain/i18n.js';
import { isDomainError } from '../domain/errors.js';
import { listMembers } from '../app/roster.js';
import { settingsOnce } from '../app/settings-rows.js';
import { holdOutboxRows, writeHeldOutboxRows } from '../app/outbox.js';
import { rosterOf } from '../domain/roster.js';
import { storeEvent } from './inbound.js';
import { isPoison, UnstorableEvent } from './inbound-batcher.js';
import { storableText } from './payload.js';
import { describeError } from '../log.js';

const OUTDATED = i18n('这张卡片已过期或无法识别，请重新打开最新的卡片。', 'This card is out of date or not recognised; please open the latest one.');
const FAILED = i18n('处理失败，请稍后再试；问题已记录。', 'Something went wrong; please try again shortly. The problem has been logged.');

export async function handleCardCallback(deps: Deps, actions: ReadonlyMap<string, CardAction>, envelope: NormalizedEvent): Promise<CardResponse> {
  const now = deps.clock.now();
  const log = deps.log.child({ eventId: envelope.eventId });
  const started = Date.now();
  const parsed = CardActionEvent.safeParse(envelope.event);
  const value = parsed.success ? decodeActionValue(parsed.data.action.value) : null;

  let duplicate = false;
  // Whether the action went through: one a rule refused rolled back its savepoint and wrote no outbox rows.
  const outcome = { acted: false };
  let response: CardResponse;
  try {
    response = await deps.db.transaction(async (tx) => {
      const stored = await storeEvent(tx, envelope, 'card', now).catch((e: unknown) => {
        throw isPoison(e) ? new UnstorableEvent(e) : e;
      });
      if (!stored) {
        duplicate = true;
        return {};
      }
      const answer = fitted(await answerFor(deps, tx, now, actions, parsed.success ? parsed.data : null, value, outcome), log);
      await tx
        .update(inboundEvents)
        .set({ status: 'done', processedAt: now, attempts: 1, response: answer })
        .where(eq(inboundEvents.eventId, envelope.eventId));
      return answer;
    });
  } catch (e) {
    // Never storable: the route answers 400, as for events; there is no record to keep.
    if (e instanceof UnstorableEvent) throw e;
    log.error('card.failed', { error: e, kind: value?.k });
    // On record as dead, best effort: the answer (a toast saying so) must not depend on it.
    await deps.db
      .insert(inboundEvents)
      .values({ eventId: envelope.eventId, source: 'card', eventType: envelope.eventType, payload: envelope.event, status: 'dead', attempts: 1, lastError: storableText(describeError(e)).slice(0, 2000), receivedAt: now })
      .onConflictDoNothing()
      .catch((again: unknown) => log.error('card.dead_letter_failed', { error: again }));
    return toast('error', FAILED);
  }
  if (duplicate) {
    const [row] = await deps.db.select({ response: inboundEvents.response }).from(inboundEvents).where(eq(inboundEvents.eventId, envelope.eventId));
    log.info('card.duplicate');
    return (row?.response as CardResponse | null) ?? {};
  }
  log.info('card.handled', { kind: value?.k, ms: Date.now() - started });
  // Only when there can be something to send: a drain per refused click costs 3–4 statements for nothing.
  if (outcome.acted) deps.kickOutbox();
  return response;
}

/** The card in the answer passes the same size gate as the outbox's (src/app/outbox.ts). */
function fitted(response: CardResponse, log: Deps['log']): CardResponse {
  if (!response.card) return response;
  const f = fitCard(response.card.data);
  if (f.degraded) log.warn('card.degraded', { how: f.degraded, bytes: f.bytes });
  return { ...response, card: { type: 'raw', data: f.card } };
}

async function answerFor(
  deps: Deps,
  tx: Tx,
  now: Date,
  actions: ReadonlyMap<string, CardAction>,
  event: CardActionEvent | null,
  value: DecodedActionValue | null,
  outcome: { acted: boolean },
): Promise<CardResponse> {
  if (!event || !value) return toast('warning', OUTDATED);
  const action = actions.get(value.k);
  if (!action) return toast('warning', OUTDATED);
  const openId = event.operator.open_id;
  // The roster once per click: the operator's check and every rule the action applies read this copy.
  const roster = openId ? rosterOf(await listMembers(tx)) : null;
  const operator = openId ? roster?.get(openId) : undefined;
  if (!roster || !operator?.active) {
    return toast('error', i18n('您不在大客户部名单中，无法操作。请联系管理员。', 'You are not on the key-account roster, so you cannot act on this card. Please ask an administrator.'));
  }
  const checked = action.value.safeParse(value);
  if (!checked.success) return toast('warning', TAMPERED);
  try {
    // A savepoint: whatever the action wrote is undone when a rule refuses it.
    const response = await tx.transaction(async (sp) => {
      // The click's outbox rows go in one statement once the action is done (src/app/outbox.ts).
      holdOutboxRows(sp);
      const answer = await action.run(
        {
          deps,
          tx: sp,
          now,
          operator,
          roster,
          settings: settingsOnce(sp),
          action: event.action,
          messageId: event.context?.open_message_id ?? null,
          chatId: event.context?.open_chat_id ?? null,
          updateToken: event.token ?? null,
        },
        checked.data,
      );
      await writeHeldOutboxRows(sp);
      return answer;
    });
    outcome.acted = true;
    return response;
  } catch (e) {
    if (isDomainError(e)) return toast(e.code === 'CONFLICT' ? 'info' : 'error', e.userMessage);
    throw e;
  }
}
