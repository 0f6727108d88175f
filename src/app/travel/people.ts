/**
 * Who hears about a traveller: the assistant (内勤) who registers check-ins (domain.md §3.4).
 * The roster has no explicit "assistant of" link, so it is the active assistant under the same
 * reviewer, else the department's first active assistant.
 */
import { activeMembersWithRole, reviewerOf, type Member, type Roster } from '../../domain/roster.js';

export function assistantFor(roster: Roster, member: Member): Member | null {
  const assistants = activeMembersWithRole(roster, 'assistant').filter((a) => a.openId !== member.openId);
  const reviewer = reviewerOf(roster, member)?.openId;
  return assistants.find((a) => reviewer && reviewerOf(roster, a)?.openId === reviewer) ?? assistants[0] ?? null;
}
