/**
 * What a message no command took was probably asking for, so the answer can offer the one tap
 * that does it ("明天下午去申能拜访" → plan a visit to 申能, tomorrow afternoon) instead of a
 * generic "没听懂". Only clear cues count: a wrong guess costs a tap, a missing one a dead end.
 * Reports of what already happened ("昨天拜访了…") are the record flow's, which runs before this.
 */
import { findDates, type DateMatch } from './dates.js';
import { wallParts, zonedTime } from '../time.js';
import { coreName } from './customer-mention.js';

export type Intent =
  /** Plan a visit; `at` when the message named a day (a time of day defaults by 上午/下午). */
  | { kind: 'plan_visit'; customer: string | null; at: Date | null }
  | { kind: 'plan_reception'; customer: string | null; at: Date | null }
  | { kind: 'reimburse'; customer: string | null }
  /** A question about one customer: its archive card answers it. */
  | { kind: 'customer'; customer: string }
  | { kind: 'travel' }
  /** Figures: the KPI card, with the period and scope words the message used (本月 团队). */
  | { kind: 'kpi'; args: string }
  /** What waits for this person's approval. */
  | { kind: 'pending' }
  /** Everything this person owes. */
  | { kind: 'todo' }
  /** Leave, attendance, pay: Feishu's own approvals, not this bot's. */
  | { kind: 'hr' };

const HR = /请假|休假|年假|病假|事假|婚假|产假|调休|销假|考勤|补卡|打卡|加班|工资|薪资|薪水|社保|公积金|\bleave request\b|\bday off\b|\bpayroll\b|\bsalary\b/iu;
const REIMBURSE = /报销|报账|发票|打车费|车费|餐费|招待费|差旅费|住宿费|油费|路费|\breimburs|\bexpenses?\b|\breceipts?\b/iu;
const RECEPTION = /接待|来访|来我司|来我们公司|到我司|来公司参观|来参观|\bhost(?:ing)?\b/iu;
const VISIT = /拜访|拜会|走访|上门|去\S{0,12}?见|见一下|见见|约见|约了|去一趟|过去一趟|\bvisit\b|\bmeet\b/iu;
const TRAVEL = /出差|机票|高铁票|火车票|订酒店|\bbusiness trip\b|\btravel\b/iu;
/** Words that make a plain mention a question about the customer. */
const ABOUT_CUSTOMER = /拜访记录|拜访总结|总结写了|交易|投诉|历史|联系人|电话|手机|地址|档案|资料|信息|情况|怎么样|如何|是谁|谁负责|负责人|进展|阶段|级别|分类|\bcontacts?\b|\bphone\b|\baddress\b|\bwho\b|\bstatus\b/iu;
const PENDING = /待审批|待我审批|等我审批|要我审批|我来审批|要审批|需要审批|需要我审批|批一下|审批一下|帮我批|给我批|等我批|待批|\bto approve\b|\bapprovals?\b/iu;
const TODO = /待办|要做什么|该做什么|有什么要做|还有什么没做|有什么事要|\bto-?dos?\b|\bwhat do i owe\b/iu;
const FIGURES = /多少钱|花了多少|报销了多少|成交了?多少|总额|合计|业绩|绩效|完成率|完成情况|完成得|销售额|成交额|排名|\bkpis?\b|\bperformance\b|\bsales figures\b/iu;
/** Period and scope words the KPI command reads, from the ways people say them. */
const KPI_WORDS: [RegExp, string][] = [
  [/这个月|本月|当月|this month/iu, '本月'],
  [/上个月|上月|last month/iu, '上月'],
  [/这个季度|本季度?|this quarter/iu, '本季度'],
  [/上个季度|上季度|last quarter/iu, '上季度'],
  [/今年|本年|this year/iu, '今年'],
  [/去年|last year/iu, '去年'],
  [/团队|我们组|组里|本组|\bteam\b/iu, '团队'],
  [/全部门|整个部门|部门|大客户部|department/iu, '部门'],
];

/** Past-tense cues: a report of a visit, not a plan. */
const PAST = /了|过|昨天|前天|刚才|刚刚|上周|上次|\b(?:visited|met|went)\b/iu;
const FUTURE = /要|想|准备|打算|计划|安排|约|预约|\b(?:will|plan|going to|want to|need to)\b/iu;

export interface IntentInput {
  text: string;
  now: Date;
  timeZone: string;
  /** The known customer the text names (findCustomerMention), if any. */
  customer: string | null;
}

export function guessIntent({ text, now, timeZone, customer }: IntentInput): Intent | null {
  const t = text.trim();
  if (!t || t.length > 200) return null;
  if (HR.test(t)) return { kind: 'hr' };
  if (PENDING.test(t)) return { kind: 'pending' };
  const figures = FIGURES.test(t);
  // "这个月报销了多少钱" asks for a figure, not to file a claim.
  if (REIMBURSE.test(t) && !figures) return { kind: 'reimburse', customer };
  // One customer's figures are on its archive card (its 交易 history), not in the KPIs.
  if (figures && customer) return { kind: 'customer', customer };
  if (figures) return { kind: 'kpi', args: kpiWords(t) };
  const future = findDates(t, now, timeZone, { direction: 'future' }).find((d) => d.at.getTime() > now.getTime() - 86_400_000);
  const planned = Boolean(future) || FUTURE.test(t);
  if (RECEPTION.test(t) && (planned || !PAST.test(t))) return { kind: 'plan_reception', customer, at: future ? planTime(withDayPart(t, future), timeZone) : null };
  if (VISIT.test(t) && planned && !(PAST.test(t) && !future)) return { kind: 'plan_visit', customer, at: future ? planTime(withDayPart(t, future), timeZone) : null };
  if (TRAVEL.test(t)) return { kind: 'travel' };
  if (TODO.test(t)) return { kind: 'todo' };
  if (customer && (ABOUT_CUSTOMER.test(t) || onlyTheName(t, customer))) return { kind: 'customer', customer };
  return null;
}

/** The KPI command's words for what the message asked about: "团队这个月的业绩怎么样" → "本月 团队". */
function kpiWords(text: string): string {
  const out: string[] = [];
  for (const [re, word] of KPI_WORDS) {
    if (out.some((w) => (w === '团队' || w === '部门') === (word === '团队' || word === '部门'))) continue;
    if (re.test(text)) out.push(word);
  }
  return out.join(' ');
}

/** The message is the customer's name and nothing else ("字节跳动", "华能？"); "拜方 华能" is a typo'd command. */
function onlyTheName(text: string, customer: string): boolean {
  const t = text.toLowerCase();
  const rest = t.includes(customer.toLowerCase()) ? t.replace(customer.toLowerCase(), '') : t.replace(coreName(customer), '');
  return /^[\s的呢吗?？。!！]*$/u.test(rest);
}

/**
 * The instant a plan form starts at: the phrase's own time, or for a bare day 09:00, 14:00
 * after 下午 / afternoon and 19:00 after 晚上 / evening (the form lets the person change it).
 */
export function planTime(d: Pick<DateMatch, 'at' | 'hasTime' | 'text'>, timeZone: string): Date {
  if (d.hasTime) return d.at;
  const hour = /下午|午后|afternoon|\bpm\b/iu.test(d.text) ? 14 : /晚上|傍晚|evening|tonight/iu.test(d.text) ? 19 : 9;
  const w = wallParts(d.at, timeZone);
  return zonedTime(timeZone, w.year, w.month, w.day, hour, 0);
}

const DAY_PART = /^\s*(?:上午|下午|中午|早上|晚上|傍晚|morning|afternoon|evening)/iu;

/** Our weekday parser reads "周一" of "周一晚上": the day part that follows belongs to the phrase. */
function withDayPart(text: string, d: DateMatch): DateMatch {
  if (d.hasTime) return d;
  const part = DAY_PART.exec(text.slice(d.index + d.text.length))?.[0];
  return part ? { ...d, text: d.text + part } : d;
}

/**
 * A plan command's words split into the customer, a date phrase and what follows it
 * ("华能 下周三上午10点 谈续约" → 华能, Wednesday 10:00, 谈续约), so `拜访 申能 明天下午` works as a
 * person would type it. The customer is what comes before the phrase (or after it, when the
 * phrase comes first). Null when the words hold no date phrase or nothing names a customer.
 */
export function splitPlanWords(words: string, now: Date, timeZone: string): { customer: string; at: Date; purpose: string | null } | null {
  const found = findDates(words, now, timeZone, { direction: 'future' })[0];
  if (!found) return null;
  const d = withDayPart(words, found);
  const trim = (s: string) => s.replace(/\s+/g, ' ').replace(/^[\s,，。:：、]+|[\s,，。:：、]+$/gu, '').trim();
  const before = trim(words.slice(0, d.index));
  const after = trim(words.slice(d.index + d.text.length));
  const customer = before || after;
  if (!customer) return null;
  return { customer, at: planTime(d, timeZone), purpose: before && after ? after : null };
}
