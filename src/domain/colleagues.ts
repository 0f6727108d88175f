/**
 * Who a person picker offers first. A department of 200 cannot list everyone in every picker of
 * a card (Feishu's 30 KB), so pickers list the most likely colleagues first and the card cuts
 * the tail: the member themself, their own team (same reviewer, or the people they review),
 * their reviewer, the assistants, the directors and managers, then everyone else.
 */
import { reviewerOf, type Member, type Role, type Roster } from './roster.js';

export interface Colleague {
  openId: string;
  name: string;
}

function rank(roster: Roster, me: Member, m: Member, myReviewer: string | null): number {
  if (m.openId === me.openId) return 0;
  const theirs = reviewerOf(roster, m)?.openId ?? null;
  if ((myReviewer && theirs === myReviewer) || theirs === me.openId) return 1;
  if (m.openId === myReviewer) return 2;
  if (m.role === 'assistant') return 3;
  if (m.role === 'director' || m.role === 'manager') return 4;
  return 5;
}

/** Active members (not of the `excluded` roles), most relevant to `me` first, by name within a rank. */
export function colleaguesFor(roster: Roster, me: Member | null, excluded: readonly Role[] = ['finance']): Colleague[] {
  const myReviewer = me ? (reviewerOf(roster, me)?.openId ?? null) : null;
  return [...roster.values()]
    .filter((m) => m.active && !excluded.includes(m.role))
    .map((m) => ({ m, r: me ? rank(roster, me, m, myReviewer) : 5 }))
    .sort((a, b) => a.r - b.r || a.m.name.localeCompare(b.m.name, 'zh-CN') || a.m.openId.localeCompare(b.m.openId))
    .map(({ m }) => ({ openId: m.openId, name: m.name }));
}
