/**
 * Who takes part in a reception and what each is told (§3.3.3 五.1: 大客户部经理及主办人员迎接客户于
 * 商务室洽谈，内勤陪同并服务，以烟茶、饮料、糖果方式招待。如须安排外出就餐，由公司重要领导或指派人员陪同).
 * The hosts, the accompanying leader and the department's assistant each get one message with
 * their part — one per person, whatever number of parts they hold — and are told again when the
 * reception moves or is cancelled. The lead who planned it is not told what they wrote.
 */
import { i18n, type I18nText } from '../i18n.js';
import { formatDateTime } from '../time.js';
import type { ReceptionPlan } from './types.js';

export type ReceptionPart = 'host' | 'leader' | 'assistant';
export interface ReceptionParty {
  openId: string;
  parts: ReceptionPart[];
}

/** The people with a part, in plan order (hosts, the leader, the assistant), each once with all their parts. */
export function receptionParties(plan: Pick<ReceptionPlan, 'hosts' | 'leaderId'>, leadId: string, assistantId: string | null): ReceptionParty[] {
  const byId = new Map<string, ReceptionPart[]>();
  const add = (id: string | null, part: ReceptionPart) => {
    if (!id || id === leadId) return;
    const parts = byId.get(id) ?? [];
    if (!parts.includes(part)) parts.push(part);
    byId.set(id, parts);
  };
  for (const h of plan.hosts) add(h, 'host');
  add(plan.leaderId, 'leader');
  add(assistantId, 'assistant');
  return [...byId].map(([openId, parts]) => ({ openId, parts }));
}

export interface ReceptionFacts {
  customerName: string;
  at: Date;
  plan: ReceptionPlan;
  leadName: string;
  timeZone: string;
}

/** What one part does, from the plan. */
function partText(part: ReceptionPart, plan: ReceptionPlan): I18nText {
  switch (part) {
    case 'host':
      return i18n(`接待人员：在${plan.venue}迎接客户并洽谈`, `host: greet the guests and hold the talks in ${plan.venue}`);
    case 'leader':
      return plan.meals
        ? i18n(`陪同领导：陪同外出用餐（${plan.meals}）`, `accompanying leader: accompany the meal outside (${plan.meals})`)
        : i18n('陪同领导：陪同客户', 'accompanying leader: accompany the guests');
    case 'assistant': {
      const lodging = plan.lodging ? i18n(`；住宿标准：${plan.lodging}`, `; lodging: ${plan.lodging}`) : i18n('', '');
      return i18n(`内勤：准备${plan.venue}，陪同并服务（烟茶、饮料、糖果）${lodging.zh_cn}`, `assistant: prepare ${plan.venue}, attend and serve (tea, drinks, sweets)${lodging.en_us}`);
    }
  }
}

function yourPart(parts: readonly ReceptionPart[], plan: ReceptionPlan): I18nText {
  const texts = parts.map((p) => partText(p, plan));
  return i18n(texts.map((t) => t.zh_cn).join('；'), texts.map((t) => t.en_us).join('; '));
}

/** The plan approved: time, place, guests, the lead, and this person's part. */
export function receptionBriefing(f: ReceptionFacts, parts: readonly ReceptionPart[]): I18nText {
  const at = formatDateTime(f.at, f.timeZone);
  const part = yourPart(parts, f.plan);
  return i18n(
    `接待安排（已批准）：${f.customerName} 来访\n时间：${at}\n地点：${f.plan.venue}\n来访人员：${f.plan.guests}\n负责人：${f.leadName}\n你的任务：${part.zh_cn}`,
    `Reception (approved): ${f.customerName} visits us\nTime: ${at}\nPlace: ${f.plan.venue}\nGuests: ${f.plan.guests}\nLead: ${f.leadName}\nYour part: ${part.en_us}`,
  );
}

/** The reception moved: within the tolerance the plan stands at the new time; beyond it the new time waits for approval. */
export function receptionMoved(f: ReceptionFacts, from: Date, parts: readonly ReceptionPart[], reapproval: boolean, reason: string | null): I18nText {
  const was = formatDateTime(from, f.timeZone);
  const now = formatDateTime(f.at, f.timeZone);
  const why = reason ? i18n(`（${reason}）`, ` (${reason})`) : i18n('', '');
  if (reapproval) {
    return i18n(
      `接待改期待审批：${f.customerName} 的接待拟由 ${was} 改到 ${now}${why.zh_cn}，批准后会再通知你；在此之前请勿按原时间安排。`,
      `Reception being rescheduled: ${f.customerName}, ${was} → ${now}${why.en_us}, waiting for approval; you will be told once it is approved. Do not prepare for the old time meanwhile.`,
    );
  }
  const part = yourPart(parts, f.plan);
  return i18n(
    `接待改期：${f.customerName} 的接待由 ${was} 改到 ${now}${why.zh_cn}，地点：${f.plan.venue}。你的任务不变：${part.zh_cn}`,
    `Reception moved: ${f.customerName}, ${was} → ${now}${why.en_us}, at ${f.plan.venue}. Your part is unchanged: ${part.en_us}`,
  );
}

export function receptionCancelled(f: ReceptionFacts, reason: string): I18nText {
  const at = formatDateTime(f.at, f.timeZone);
  return i18n(
    `接待取消：${f.customerName}（${at}，${f.plan.venue}）的接待已取消，原因：${reason}。你无需再做准备。`,
    `Reception cancelled: ${f.customerName} (${at}, ${f.plan.venue}) will not take place: ${reason}. Nothing to prepare.`,
  );
}
