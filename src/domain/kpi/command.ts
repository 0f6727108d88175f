/**
 * What follows the KPI command words (`KPI` / `绩效` / `统计`, `考核` for the quarterly
 * assessment): an optional period and an optional person or team, in any order —
 * `KPI 本季度`, `绩效 2026Q4 张三`, `统计 华东组 11月`, `KPI last month team`. Without a period
 * it is the current quarter; without a name it is the asker. Whether the asker may see the
 * scope is decided by the caller (role scoping), after this.
 */
import { DomainError } from '../errors.js';
import { i18n } from '../i18n.js';
import { parsePeriod, periodOf, PERIOD_EXAMPLES, type Period, type PeriodContext } from './period.js';

/** The command word; Chinese ones may run straight into the period ("绩效本季度", "KPI本月"). */
const KPI_COMMAND = /^\s*(?:(?:kpi|assessment)(?=\s|$|[:：]|[^\x00-\x7f])|绩效|统计|业绩|考核)[\s:：]*/i;

export type KpiWho =
  | { kind: 'self' }
  | { kind: 'member'; id: string }
  | { kind: 'team'; id: string }
  | { kind: 'own_team' }
  | { kind: 'department' };

export interface KpiQuery {
  period: Period;
  who: KpiWho;
}

export interface Directory {
  members: readonly { id: string; name: string }[];
  teams: readonly { id: string; name: string }[];
}

const SELF = /^(我|我的|本人|自己|me|mine|my)$/i;
const OWN_TEAM = /^(团队|本组|我组|我们组|小组|team|my team)$/i;
const DEPARTMENT = /^(部门|全部门|大客户部|全部|所有|department|all|dept)$/i;

/** Parses the text after (or including) the command word. Throws bilingual DomainErrors. */
export function parseKpiQuery(text: string, dir: Directory, ctx: PeriodContext): KpiQuery {
  const rest = text.replace(KPI_COMMAND, '').trim();
  const words = rest ? rest.split(/\s+/) : [];
  let period: Period | null = null;
  let periodError: DomainError | null = null;
  const names: string[] = [];
  // Try two words together first ("last month", "Q4 2026", "this quarter"), then one.
  for (let i = 0; i < words.length; ) {
    const two = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : null;
    const tried: Tried | null = two && !period ? tryPeriod(two, ctx) : null;
    if (tried?.period) {
      period = tried.period;
      i += 2;
      continue;
    }
    const one: Tried | null = !period ? tryPeriod(words[i]!, ctx) : null;
    if (one?.period) {
      period = one.period;
      i += 1;
      continue;
    }
    if (one?.error && one.future) periodError = one.error;
    names.push(words[i]!);
    i += 1;
  }
  if (!period && periodError) throw periodError;
  const name = names.join(' ');
  return { period: period ?? periodOf('quarter', ctx.now, ctx.timeZone), who: whoOf(name, dir) };
}

interface Tried {
  period?: Period;
  error?: DomainError;
  future?: boolean;
}

function tryPeriod(text: string, ctx: PeriodContext): Tried {
  try {
    return { period: parsePeriod(text, ctx) };
  } catch (e) {
    if (e instanceof DomainError) return { error: e, future: typeof e.details?.period === 'string' };
    throw e;
  }
}

function whoOf(name: string, dir: Directory): KpiWho {
  if (!name || SELF.test(name)) return { kind: 'self' };
  if (OWN_TEAM.test(name)) return { kind: 'own_team' };
  if (DEPARTMENT.test(name)) return { kind: 'department' };
  const clean = name.replace(/^@/, '');
  const team = dir.teams.find((t) => t.name === clean || t.name === `${clean}组` || t.name.replace(/组$/, '') === clean);
  if (team) return { kind: 'team', id: team.id };
  const people = dir.members.filter((m) => m.name === clean);
  if (people.length === 1) return { kind: 'member', id: people[0]!.id };
  if (people.length > 1) {
    throw new DomainError('CONFLICT', i18n(`名册中有 ${people.length} 位「${clean}」，请在飞书里 @ 这位同事。`, `${people.length} people on the roster are called "${clean}"; @-mention the one you mean.`), { name: clean });
  }
  throw new DomainError(
    'NOT_FOUND',
    i18n(`名册中没有「${clean}」，也不是一个期间。期间可以这样写：${PERIOD_EXAMPLES.zh_cn}。`, `"${clean}" is neither on the roster nor a period. Periods look like: ${PERIOD_EXAMPLES.en_us}.`),
    { name: clean },
  );
}

export type KpiExportFormat = 'xlsx' | 'csv';

const EXPORT_WORD = /^(导出|export)$/i;
const FORMAT_WORD: Record<string, KpiExportFormat> = { csv: 'csv', excel: 'xlsx', xlsx: 'xlsx', xls: 'xlsx', 表格: 'xlsx' };

/**
 * `KPI 导出 [period] [scope] [csv]`: whether the text asks for the export (the word right after
 * the command word, or anywhere after it), in which format, and the rest for `parseKpiQuery`.
 * Null when it does not ask for one.
 */
export function kpiExportRequest(text: string): { format: KpiExportFormat; rest: string } | null {
  const head = KPI_COMMAND.exec(text)?.[0] ?? '';
  const body = text.slice(head.length).trim();
  // "绩效导出", "KPI导出" run together as the command words do.
  const words = body.replace(/^(导出)(?=\S)/, '$1 ').split(/\s+/).filter(Boolean);
  if (!words.some((w) => EXPORT_WORD.test(w))) return null;
  let format: KpiExportFormat = 'xlsx';
  const rest = words.filter((w) => {
    if (EXPORT_WORD.test(w)) return false;
    const f = FORMAT_WORD[w.toLowerCase()];
    if (f) format = f;
    return !f;
  });
  return { format, rest: `${head}${rest.join(' ')}` };
}
