/**
 * The roster file named by KAM_ORG_FILE. Validation errors name the line of the member at
 * fault and the reason, so an admin can fix the file without guessing.
 */
import { z } from 'zod';
import { ROLES } from '../domain/roster.js';
import { toLocale, type Locale } from '../domain/i18n.js';

const OpenId = z.string().regex(/^ou_[A-Za-z0-9_-]+$/, 'open_id must look like ou_…');
const MemberEntry = z.object({
  open_id: OpenId,
  name: z.string().trim().min(1, 'name is empty').max(64, 'name is longer than 64 characters'),
  role: z.enum(ROLES, { message: `role must be one of ${ROLES.join(', ')}` }),
  manager: OpenId.optional(),
  locale: z.string().optional(),
});
const OrgFile = z.object({ members: z.array(z.unknown()).min(1, 'members is empty') });

export interface OrgMember {
  openId: string;
  name: string;
  role: (typeof ROLES)[number];
  managerId: string | null;
  locale: Locale;
}

export class OrgFileError extends Error {
  constructor(readonly line: number, reason: string) {
    super(`line ${line}: ${reason}`);
    this.name = 'OrgFileError';
  }
}

/** Line numbers (1-based) where each element of the top-level "members" array starts. */
function memberLines(raw: string): number[] {
  const keyAt = raw.search(/"members"\s*:\s*\[/);
  if (keyAt < 0) return [];
  const lines: number[] = [];
  let i = raw.indexOf('[', keyAt) + 1;
  let depth = 0;
  let inString = false;
  let line = raw.slice(0, i).split('\n').length;
  let expecting = true;
  for (; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (depth === 0 && expecting && !/\s/.test(c)) {
      lines.push(line);
      expecting = false;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) break;
      depth--;
    } else if (c === ',' && depth === 0) expecting = true;
  }
  return lines;
}

export function parseOrgFile(raw: string): OrgMember[] {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    const pos = /position (\d+)/.exec(String(e))?.[1];
    const line = pos ? raw.slice(0, Number(pos)).split('\n').length : 1;
    throw new OrgFileError(line, `not valid JSON (${String((e as Error).message).replace(/^.*?: /, '')})`);
  }
  const file = OrgFile.safeParse(data);
  if (!file.success) throw new OrgFileError(1, `expected {"members":[…]}: ${file.error.issues[0]!.message}`);
  const lines = memberLines(raw);
  const out: OrgMember[] = [];
  const seen = new Map<string, number>();
  file.data.members.forEach((entry, i) => {
    const line = lines[i] ?? 1;
    const m = MemberEntry.safeParse(entry);
    if (!m.success) {
      const issue = m.error.issues[0]!;
      throw new OrgFileError(line, `member ${i + 1}${issue.path.length ? ` (${issue.path.join('.')})` : ''}: ${issue.message}`);
    }
    const prev = seen.get(m.data.open_id);
    if (prev) throw new OrgFileError(line, `member ${i + 1}: ${m.data.open_id} is listed twice (also on line ${prev})`);
    seen.set(m.data.open_id, line);
    if (m.data.manager === m.data.open_id) throw new OrgFileError(line, `member ${i + 1}: a member cannot be their own manager`);
    out.push({ openId: m.data.open_id, name: m.data.name, role: m.data.role, managerId: m.data.manager ?? null, locale: toLocale(m.data.locale) });
  });
  out.forEach((m, i) => {
    if (m.managerId && !seen.has(m.managerId)) {
      throw new OrgFileError(lines[i] ?? 1, `member ${i + 1}: manager ${m.managerId} is not in the file`);
    }
  });
  return out;
}
