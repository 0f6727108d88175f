/**
 * The archive card as one viewer may see it. Visibility is applied here, on the loaded row,
 * before any card is built (visibleArchive strips personal fields for everyone outside the
 * owner's line). Each copy is recorded under `customer:<id>:<viewer>` so a later save refreshes
 * every copy for the person it was sent to, never leaking one viewer's view to another.
 */
import { and, eq, gte, like } from 'drizzle-orm';
import { cardMessages, customerFieldAsks, customerTransactions } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { customerArchiveCard } from '../../../cards/customer-archive.js';
import type { Card } from '../../../cards/kit.js';
import { suggestHighValue, type HighValueSuggestion } from '../../domain/customer/categories.js';
import { completeness, nextMissingField } from '../../domain/customer/completeness.js';
import type { HistoryTab } from '../../domain/customer/history.js';
import { mayAssignOwner } from '../../domain/customer/ownership.js';
import { visibleArchive } from '../../domain/customer/visibility.js';
import type { Member, Roster } from '../../domain/roster.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { addDaysYmd, ymd } from '../../domain/time.js';
import { refreshCards, type Subject } from '../outbox.js';
import type { Deps } from '../deps.js';
import { loadHistory } from './history.js';
import { archiveOf, CUSTOMER_SUBJECT, loadCustomerSettings, loadRosterMap, type CustomerRow, type CustomerSettings } from './store.js';

/** A field asked for within this window is not offered again (one question at a time, not spam). */
export const ASK_QUIET_MS = 24 * 3600 * 1000;

export const customerSubject = (customerId: string, viewerId: string): Subject => ({ type: CUSTOMER_SUBJECT, id: `${customerId}:${viewerId}` });

export async function highValueOf(q: Q, customerId: string, now: Date, s: CustomerSettings, timeZone: string): Promise<HighValueSuggestion> {
  // Only the last year's rows can count; the domain applies the exact window.
  const since = addDaysYmd(ymd(now, timeZone), -367);
  const txs = await q
    .select({ date: customerTransactions.date, amountFen: customerTransactions.amountFen })
    .from(customerTransactions)
    .where(and(eq(customerTransactions.customerId, customerId), gte(customerTransactions.date, since)));
  return suggestHighValue(txs, now, s.highValueThresholdFen, timeZone);
}

export interface ViewEnv {
  roster: Roster;
  settings: CustomerSettings;
}

export async function viewEnv(q: Q, roster?: Roster): Promise<ViewEnv> {
  const [rosterMap, settings] = await Promise.all([loadRosterMap(q, roster), loadCustomerSettings(q)]);
  return { roster: rosterMap, settings };
}

export async function archiveCardFor(
  q: Q,
  deps: Deps,
  env: ViewEnv,
  row: CustomerRow,
  viewer: Member,
  now: Date,
  o: { audienceNote?: I18nText; canPlanVisit?: boolean; history?: { tab: HistoryTab; page: number }; historyButtons?: boolean } = {},
): Promise<Card> {
  const member = env.roster.get(viewer.openId) ?? viewer;
  const seen = visibleArchive(archiveOf(row), member, row.ownerId, env.roster);
  const full = archiveOf(row);
  // Independent reads, issued together: on a server they travel as one write and one wait.
  const [recent, history, hv] = await Promise.all([
    q
      .select({ field: customerFieldAsks.field })
      .from(customerFieldAsks)
      .where(and(eq(customerFieldAsks.customerId, row.id), gte(customerFieldAsks.askedAt, new Date(now.getTime() - ASK_QUIET_MS)))),
    loadHistory(q, row.id, { ...o.history, roster: env.roster, timeZone: deps.config.timeZone }),
    seen.canEdit && !row.categories.includes('high_value') ? highValueOf(q, row.id, now, env.settings, deps.config.timeZone) : null,
  ]);
  return customerArchiveCard({
    customerId: row.id,
    archiveNo: row.archiveNo,
    createdOn: row.createdOn,
    archive: seen.archive,
    personal: seen.personal,
    canEdit: seen.canEdit,
    stage: { stage: row.stage, screening: row.screening ?? null },
    categories: row.categories,
    ownerName: row.ownerId ? (env.roster.get(row.ownerId)?.name ?? row.ownerId) : null,
    // Completeness counts the whole archive, not the viewer's filtered copy: it is the archive's score.
    completeness: completeness(full, env.settings.requiredFields),
    nextMissing: nextMissingField(full, env.settings.requiredFields, { skip: recent.map((r) => r.field) }),
    canPlanVisit: o.canPlanVisit ?? true,
    lifecycleActions: seen.canEdit,
    canAssignOwner: mayAssignOwner(member, deps.config.admins, row),
    highValueHint: hv?.suggest ? hv.reason : null,
    audienceNote: o.audienceNote ?? null,
    history,
    historyButtons: o.historyButtons ?? true,
    historyFocus: Boolean(o.history),
  });
}

/** The viewer id under which the copy posted in a group chat is recorded. */
export const GROUP_VIEWER = 'group';

const GROUP_NOTE = i18n(
  '群聊中仅显示公司信息：联系人的生日、爱好、家庭等个人信息不在群里展示。',
  "In a group only the company's details are shown: contacts' birth dates, hobbies and family are not.",
);
const GROUP_NOTE_SENT = i18n(
  '群聊中仅显示公司信息；含个人信息的完整档案已私信发给你。',
  "In a group only the company's details are shown; the full archive, personal details included, was sent to you directly.",
);

/**
 * The archive as anyone in a group may see it (issue 18): no personal fields whoever asked, and
 * no buttons, since an edit form would show a section's current values to the whole group.
 */
export async function groupArchiveCardFor(q: Q, deps: Deps, env: ViewEnv, row: CustomerRow, now: Date, o: { sentPrivately: boolean }): Promise<Card> {
  // Rendered for nobody on the roster (an inactive outsider): visibleArchive then keeps no
  // personal field and allows no edit, whoever asked in the group.
  const outsider: Member = { openId: GROUP_VIEWER, name: '', role: 'finance', managerId: null, locale: 'zh_cn', active: false };
  return archiveCardFor(q, deps, env, row, outsider, now, { audienceNote: o.sentPrivately ? GROUP_NOTE_SENT : GROUP_NOTE, canPlanVisit: false, historyButtons: false });
}

/** Re-renders every recorded copy of the customer's archive card for its own viewer. */
export async function refreshCustomerCards(q: Q, deps: Deps, row: CustomerRow, now: Date, o: { exceptMessageId?: string } = {}): Promise<void> {
  const copies = await q
    .selectDistinct({ subjectId: cardMessages.subjectId })
    .from(cardMessages)
    .where(and(eq(cardMessages.subjectType, CUSTOMER_SUBJECT), eq(cardMessages.active, true), like(cardMessages.subjectId, `${row.id}:%`)));
  if (!copies.length) return;
  const env = await viewEnv(q);
  for (const { subjectId } of copies) {
    const viewerId = subjectId.slice(row.id.length + 1);
    if (viewerId === GROUP_VIEWER) {
      await refreshCards({ tx: q, deps }, { type: CUSTOMER_SUBJECT, id: subjectId }, await groupArchiveCardFor(q, deps, env, row, now, { sentPrivately: false }), now, o);
      continue;
    }
    const viewer = env.roster.get(viewerId);
    if (!viewer) continue;
    await refreshCards({ tx: q, deps }, { type: CUSTOMER_SUBJECT, id: subjectId }, await archiveCardFor(q, deps, env, row, viewer, now), now, o);
  }
}
