/**
 * The monthly market-analysis report (市场分析报告, domain.md §3.5, due by the 5th): this month's
 * summary, next month's forecast, problems, solutions, and the market intelligence of art.11
 * (product quality, customer use and satisfaction, competitors, industry news).
 */
import { splitLabelled, type LabelDictionary } from './labels.js';
import { orNull, type ParseOptions } from './prose.js';
import { joinClauses, parseSmallNumber, splitClauses, type Clause } from './text.js';
import { MONTHLY_TRIGGER, stripTrigger, type Trigger } from './triggers.js';
import { formatYmd, wallParts } from '../time.js';

export const MONTHLY_LABELS = {
  month: ['报告月份', '月份', 'month'],
  summary: ['本月工作总结', '本月总结', '本月', '本月情况', '本月回顾', '工作总结', '月度总结', '总结', "this month's summary", 'this month summary', 'this month', 'summary'],
  forecast: ['下月工作计划', '下月预测', '下月计划', '下月', '下个月', '计划', '下月预估', '下月目标', '下月展望', '下个月预测', '下个月计划', '预测', "next month's forecast", 'next month forecast', 'next month', 'forecast'],
  problems: ['存在的问题', '存在问题', '遇到的问题', '主要问题', '问题', '困难', 'problems', 'problem', 'issues', 'challenges'],
  solutions: ['解决方案', '解决办法', '解决措施', '改进措施', '应对措施', '对策', '措施', '建议', 'solutions', 'solution', 'actions'],
  qualityFeedback: ['产品质量反馈', '产品质量', '质量反馈', '质量问题', '质量', 'quality feedback', 'product quality', 'quality'],
  customerUsage: ['客户使用及满意度', '客户使用情况', '客户使用', '使用情况', '客户满意度', '满意度', 'customer usage', 'usage and satisfaction', 'customer satisfaction', 'usage'],
  competitors: ['竞争对手情况', '竞争对手', '竞品情况', '竞品信息', '竞争产品', '竞品', '友商', 'competitor products', 'competitors', 'competition'],
  industryNews: ['行业动态', '行业信息', '行业新闻', '行业资讯', '行业', 'industry news', 'industry'],
} as const satisfies LabelDictionary<string>;

type MonthlyLabel = keyof typeof MONTHLY_LABELS;
export type MonthlyReportField = Exclude<MonthlyLabel, 'month'>;
const FIELDS: readonly MonthlyReportField[] = ['summary', 'forecast', 'problems', 'solutions', 'qualityFeedback', 'customerUsage', 'competitors', 'industryNews'];

export interface MonthlyReportDraft extends Record<MonthlyReportField, string | null> {
  trigger: Trigger;
  labelled: boolean;
  /** 'YYYY-MM' when the message names the month (11月月报, 月份：2026-11, 上月); else null. */
  month: string | null;
  /** Chatter that fitted no empty field ("各位领导好，以下是11月月报"). */
  rest: string | null;
  /** All eight fields that are still empty (the manager sees them; summary/forecast matter most). */
  missing: MonthlyReportField[];
  /** Fields filled from unlabelled sentences (sorted by what they talk about): check those first. */
  guessed: MonthlyReportField[];
}

// Unlabelled prose is sorted sentence by sentence; the first rule that matches wins.
const SENTENCE_RULES: ReadonlyArray<[MonthlyReportField, RegExp]> = [
  ['competitors', /竞品|竞争对手|对手|友商|竞争|competitor|rival/iu],
  ['qualityFeedback', /质量|故障|返修|质保|缺陷|坏了|quality|defect|breakdown/iu],
  ['industryNews', /行业|政策|新规|国标|标准出台|industry|policy|regulation/iu],
  // A sentence about next month is the forecast, whatever else it mentions.
  ['forecast', /^(?:下月|下个月|next month)|^(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:份)?(?:计划|打算|预计|重点|目标|争取)/iu],
  ['customerUsage', /使用情况|用得|使用中|满意度|满意|好评|投诉|反馈|口碑|usage|satisf|complain/iu],
  ['solutions', /解决|措施|对策|改进|应对|办法|加强|建议|打算请|请领导|出面|solution|fix|address/iu],
  ['problems', /问题|困难|难点|瓶颈|不足|风险|压力|卡在|不了解|issue|problem|challenge|risk/iu],
  ['forecast', /下月|下个月|明年|下季度|预计|预测|预估|next month|forecast|expect/iu],
];

// A sentence inside a labelled section that starts like another section ("存在问题：人手不足。建议
// 招聘两人。") belongs to that one, when it is still empty.
const SECTION_START: ReadonlyArray<[MonthlyReportField, RegExp]> = [
  ['solutions', /^(?:建议|解决办法|解决方案|措施|对策|打算通过)/u],
  ['forecast', /^(?:下月|下个月|next month)/iu],
  ['problems', /^(?:问题是|存在的?问题|主要问题|困难是)/u],
];

const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The most recent (year, month) not after now's month: a report covers this month or earlier. */
function resolveMonth(year: number | null, month: number, opts: ParseOptions): string | null {
  if (month < 1 || month > 12) return null;
  const now = wallParts(opts.now, opts.timeZone);
  const y = year ?? (month <= now.month ? now.year : now.year - 1);
  return formatYmd(y, month, 1).slice(0, 7);
}

function relativeMonth(word: string, opts: ParseOptions): string {
  const now = wallParts(opts.now, opts.timeZone);
  const shift = /上/u.test(word) ? -1 : 0;
  const d = new Date(Date.UTC(now.year, now.month - 1 + shift, 1));
  return formatYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, 1).slice(0, 7);
}

/** A month written as "2026-11", "2026年11月", "11月", "上月", "Nov 2026", "November". */
function monthFrom(text: string, opts: ParseOptions): { month: string; length: number } | null {
  const t = text.trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?份?/u.exec(t);
  if (m) {
    const month = resolveMonth(Number(m[1]), Number(m[2]), opts);
    return month ? { month, length: m[0].trimEnd().length } : null;
  }
  m = /^[(（【]?\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月份?\s*[)）】]?/u.exec(t);
  if (m) {
    const n = parseSmallNumber(m[1]!);
    const month = n === null ? null : resolveMonth(null, n, opts);
    return month ? { month, length: m[0].trimEnd().length } : null;
  }
  m = /^(本月|这个月|上月|上个月)/u.exec(t);
  if (m) return { month: relativeMonth(m[1]!, opts), length: m[0].trimEnd().length };
  m = /^[(（]?\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s*,?\s*(\d{4}))?\s*[)）]?/iu.exec(t);
  if (m) {
    const month = resolveMonth(m[2] ? Number(m[2]) : null, EN_MONTHS.indexOf(m[1]!.toLowerCase()) + 1, opts);
    return month ? { month, length: m[0].trimEnd().length } : null;
  }
  return null;
}

/** Parses a monthly report message; see MonthlyReportDraft. */
export function parseMonthlyReport(text: string, opts: ParseOptions): MonthlyReportDraft {
  const { trigger, match } = stripTrigger(text, MONTHLY_TRIGGER);
  let body = trigger.body;

  // The month: in the trigger ("2026年11月月报", "上月月报"), else at the start of the body
  // ("月报 11月", "Monthly report - Nov 2026"), else under a 月份 label.
  let month: string | null = null;
  if (match?.[3]) {
    const n = parseSmallNumber(match[3]);
    month = n === null ? null : resolveMonth(match[2] ? Number(match[2]) : null, n, opts);
  } else if (match && /上月|上个月|本月|这个月/u.test(match[1]!)) {
    month = relativeMonth(match[1]!, opts);
  } else if (trigger.matched) {
    const lead = monthFrom(body, opts);
    const after = lead ? body.trim().slice(lead.length) : '';
    // "本月"/"这个月" at the start is how the summary begins ("这个月跑了12家", "本月：…"), and
    // said in early December it may well mean November: it does not name the month.
    const relative = /^(?:本月|这个月)/u.test(body.trim());
    if (lead && !relative && /^(?:$|[\s:：,，.。、\-—)）])/u.test(after)) {
      // A month standing on its own ("月报 11月\n…").
      month = lead.month;
      body = after.replace(/^[\s:：,，.。、\-—)）]+/u, '');
    } else if (lead && !relative && /^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月份?(?:主要|的?工作|一共|共|完成|签|拜访|跑|做|跟进|重点)/u.test(body)) {
      // "12月主要跟进了…": the month is named and the words are the summary's.
      month = lead.month;
    }
  }

  const split = splitLabelled<MonthlyLabel>(body, MONTHLY_LABELS);
  const f = split.fields;
  if (!month && f.month) month = monthFrom(f.month, opts)?.month ?? null;

  const out = Object.fromEntries(FIELDS.map((k) => [k, orNull(f[k])])) as Record<MonthlyReportField, string | null>;
  for (const k of split.order) {
    if (k === 'month' || !out[k]) continue;
    const sentences = splitClauses(out[k]!, { commas: false });
    const keep: Clause[] = [];
    sentences.forEach((c, i) => {
      const to = i > 0 ? SECTION_START.find(([field, re]) => field !== k && !out[field] && re.test(c.text.trim()))?.[0] : undefined;
      if (to) out[to] = orNull(joinClauses(sentences.slice(i).filter((x) => !keep.includes(x))));
      else if (!sentences.slice(0, i).some((x) => !keep.includes(x))) keep.push(c);
    });
    if (keep.length < sentences.length) out[k] = orNull(joinClauses(keep));
  }
  // Prose (all of it when unlabelled, the chatter around labels otherwise) fills empty fields
  // sentence by sentence; what fits nowhere is this month's summary, or `rest` if that is taken.
  const prose = split.labelled ? split.rest : body;
  const buckets = new Map<MonthlyReportField | 'rest', Clause[]>();
  for (const s of splitClauses(prose, { commas: false })) {
    const field = SENTENCE_RULES.find(([k, re]) => !out[k] && re.test(s.text))?.[0] ?? (out.summary ? 'rest' : 'summary');
    buckets.set(field, [...(buckets.get(field) ?? []), s]);
  }
  const guessed: MonthlyReportField[] = [];
  for (const [field, cs] of buckets) {
    if (field === 'rest') continue;
    out[field] = orNull(joinClauses(cs));
    if (out[field]) guessed.push(field);
  }
  const rest = orNull(joinClauses(buckets.get('rest') ?? []));

  return {
    trigger,
    labelled: split.labelled,
    month,
    ...out,
    rest,
    missing: FIELDS.filter((k) => !out[k]),
    guessed: FIELDS.filter((k) => guessed.includes(k)),
  };
}
