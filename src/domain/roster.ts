import { i18n, type I18nText, type Locale } from './i18n.js';

export const ROLES = ['director', 'manager', 'assistant', 'specialist', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, I18nText> = {
  director: i18n('营销总监', 'Marketing director'),
  manager: i18n('大客户部经理', 'Key-account manager'),
  assistant: i18n('内勤', 'Assistant'),
  specialist: i18n('大客户专员', 'Key-account specialist'),
  finance: i18n('财务', 'Finance'),
  admin: i18n('管理员', 'Administrator'),
};

/** One person on the roster. `managerId` is the member's reviewer (open_id), if any. */
export interface Member {
  openId: string;
  name: string;
  role: Role;
  managerId: string | null;
  locale: Locale;
  active: boolean;
}

export type Roster = ReadonlyMap<string, Member>;

export const rosterOf = (members: Iterable<Member>): Roster =>
  new Map([...members].map((m) => [m.openId, m]));

const activeWithRole = (roster: Roster, role: Role): Member[] =>
  [...roster.values()].filter((m) => m.active && m.role === role).sort((a, b) => a.openId.localeCompare(b.openId));

/**
 * The member's reviewer: the roster's explicit manager when active, else (for field staff) the
 * only active manager of the department. A manager's superior is a director.
 */
export function reviewerOf(roster: Roster, member: Member): Member | null {
  const explicit = member.managerId ? roster.get(member.managerId) : undefined;
  if (explicit?.active && explicit.openId !== member.openId) return explicit;
  if (member.role === 'specialist' || member.role === 'assistant') {
    const managers = activeWithRole(roster, 'manager');
    if (managers.length === 1) return managers[0]!;
  }
  if (member.role === 'manager') return directorOf(roster, member);
  return null;
}

/**
 * Who hears when this person's duty is late: the same reviewer the approval chain asks, so a
 * roster with no explicit `manager` field still reaches the department's only manager.
 */
export const managerIdOf = (roster: Roster, openId: string): string | null => {
  const member = roster.get(openId);
  return member ? (reviewerOf(roster, member)?.openId ?? null) : null;
};

/**
 * The director above a member: found by walking the reviewer chain, else the department's
 * only active director.
 */
export function directorOf(roster: Roster, member: Member): Member | null {
  const seen = new Set<string>();
  let cursor: Member | undefined = member;
  while (cursor && !seen.has(cursor.openId)) {
    seen.add(cursor.openId);
    const next: Member | undefined = cursor.managerId ? roster.get(cursor.managerId) : undefined;
    if (next?.active && next.role === 'director' && next.openId !== member.openId) return next;
    cursor = next;
  }
  const directors = activeWithRole(roster, 'director').filter((d) => d.openId !== member.openId);
  return directors[0] ?? null;
}

export const activeMembersWithRole = activeWithRole;

/** Admins are members with the admin role plus anyone listed in KAM_ADMINS. */
export function isAdmin(member: Pick<Member, 'role' | 'openId'> | null | undefined, configuredAdmins: readonly string[]): boolean {
  if (!member) return false;
  return member.role === 'admin' || configuredAdmins.includes(member.openId);
}

/** Members a manager reviews (directly), or everyone for a director. */
export function teamOf(roster: Roster, lead: Member): Member[] {
  const all = [...roster.values()].filter((m) => m.active && m.openId !== lead.openId);
  if (lead.role === 'director') return all;
  if (lead.role === 'manager') return all.filter((m) => reviewerOf(roster, m)?.openId === lead.openId);
  return [];
}
