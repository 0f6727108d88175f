/**
 * Turns zod issues into the bilingual sentences users read ("「成立日期」日期无效…"). The schemas
 * stay free of prose: a regex check carries a hint key as its message, a refinement carries
 * `params.hint`, and this file owns the wording, so both languages are written in one place.
 */
import type { z } from 'zod';
import { DomainError } from '../errors.js';
import { i18n, type I18nText } from '../i18n.js';
import { BUYER_ROLE_LABEL, CREDIT_RATING_LABEL, INDUSTRY_POSITION_LABEL, NATURE_LABEL } from './enums.js';
import { labelForPath } from './labels.js';

export interface FieldIssue {
  path: (string | number)[];
  message: I18nText;
}

type Issue = z.core.$ZodIssue;
export type LabelOf = (path: readonly PropertyKey[]) => I18nText;

const HINTS: Record<string, I18nText> = {
  phone: i18n('只能包含数字、空格和 + - ( ) 转', 'may contain only digits, spaces and + - ( ) ext'),
  postcode: i18n('应为 6 位数字', 'must be 6 digits'),
  account: i18n('应为 6–40 位数字', 'must be 6–40 digits'),
  year: i18n('年份应为四位数字', 'the year must have four digits'),
  date_range: i18n('日期太早了', 'is too far in the past'),
  sales_years: i18n('最多保留 10 年', 'keeps at most 10 years'),
  headcount_sum: i18n('小于中方与外方人数之和', 'is smaller than Chinese plus foreign staff'),
  amount: i18n('不是有效金额，例如 500万 或 1,000,000.00', 'is not an amount, e.g. 5000000 or 1,000,000.00'),
  integer: i18n('应为整数', 'must be a whole number'),
  date: i18n('日期无效，请用 YYYY-MM-DD', 'is not a valid date (YYYY-MM-DD)'),
  required: i18n('不能为空', 'is required'),
  coordinator: i18n('需要一名统筹人', 'needs a coordinator'),
  contact_gone: i18n('已被他人修改，请重新打开档案', 'changed meanwhile; open the archive again'),
};

/** Value labels of every closed set the customer module validates; later sets may be added by callers. */
const ARCHIVE_VALUE_LABELS: readonly Record<string, I18nText>[] = [
  BUYER_ROLE_LABEL, NATURE_LABEL, INDUSTRY_POSITION_LABEL, CREDIT_RATING_LABEL,
];

const phrase = (label: I18nText, zh: string, en: string): I18nText => i18n(`「${label.zh_cn}」${zh}`, `${label.en_us}: ${en}`);
export const hintMessage = (label: I18nText, hint: string): I18nText => {
  const h = HINTS[hint] ?? i18n('格式不对', 'has the wrong format');
  return phrase(label, h.zh_cn, h.en_us);
};

function valueList(values: readonly unknown[], registries: readonly Record<string, I18nText>[]): I18nText {
  const keys = values.map(String);
  const labels = registries.find((r) => keys.every((k) => k in r));
  return i18n(
    keys.map((k) => labels?.[k]?.zh_cn ?? k).join('、'),
    keys.map((k) => labels?.[k]?.en_us ?? k).join(', '),
  );
}

function describeIssue(issue: Issue, labelOf: LabelOf = labelForPath, registries = ARCHIVE_VALUE_LABELS): I18nText {
  const label = labelOf(issue.path);
  switch (issue.code) {
    case 'invalid_format':
      if (issue.format === 'date') return hintMessage(label, 'date');
      if (issue.format === 'email') return phrase(label, '邮箱格式不对', 'is not a valid email address');
      return hintMessage(label, issue.message ?? '');
    case 'too_big':
      if (issue.origin === 'string') return phrase(label, `最多 ${issue.maximum} 个字`, `at most ${issue.maximum} characters`);
      if (issue.origin === 'array') return phrase(label, `最多 ${issue.maximum} 项`, `at most ${issue.maximum} items`);
      return phrase(label, `不能超过 ${issue.maximum}`, `must be at most ${issue.maximum}`);
    case 'too_small':
      if (issue.origin === 'array') return phrase(label, `至少选择 ${issue.minimum} 项`, `choose at least ${issue.minimum}`);
      if (issue.origin === 'string') return hintMessage(label, 'required');
      return phrase(label, `不能小于 ${issue.minimum}`, `must be at least ${issue.minimum}`);
    case 'invalid_value': {
      const list = valueList(issue.values, registries);
      return phrase(label, `应为以下之一：${list.zh_cn}`, `must be one of: ${list.en_us}`);
    }
    case 'invalid_type':
      if (issue.expected === 'int' || issue.expected === 'number') return hintMessage(label, 'integer');
      if (issue.expected === 'undefined' || issue.expected === 'nonoptional') return hintMessage(label, 'required');
      return phrase(label, '类型不对', 'has the wrong type');
    case 'invalid_key': {
      // A bad record key (a sales year): name the record, give the key's own hint.
      const inner = issue.issues[0];
      return hintMessage(labelOf(issue.path.slice(0, -1)), inner?.code === 'invalid_format' ? inner.message ?? '' : '');
    }
    case 'unrecognized_keys':
      return phrase(label, `包含未知字段：${issue.keys.join('、')}`, `has unknown fields: ${issue.keys.join(', ')}`);
    case 'custom': {
      const hint = (issue.params as { hint?: string } | undefined)?.hint;
      return hint ? hintMessage(label, hint) : phrase(label, '无效', 'is not valid');
    }
    default:
      return phrase(label, '无效', 'is not valid');
  }
}

const toFieldIssues = (issues: readonly Issue[], labelOf?: LabelOf, registries?: readonly Record<string, I18nText>[]): FieldIssue[] =>
  issues.map((issue) => ({
    path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: describeIssue(issue, labelOf, registries),
  }));

/** One DomainError('VALIDATION') listing every problem, one per line, so nothing is stored partially. */
function validationError(issues: FieldIssue[]): DomainError {
  const lines = issues.slice(0, 10);
  return new DomainError(
    'VALIDATION',
    i18n(lines.map((i) => i.message.zh_cn).join('\n'), lines.map((i) => i.message.en_us).join('\n')),
    { issues },
  );
}

/** Parses or throws a DomainError('VALIDATION') whose message names every bad field. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  opts: { labelOf?: LabelOf; registries?: readonly Record<string, I18nText>[]; extra?: FieldIssue[] } = {},
): z.output<S> {
  const result = schema.safeParse(input);
  const issues = [...(opts.extra ?? []), ...(result.success ? [] : toFieldIssues(result.error.issues, opts.labelOf, opts.registries))];
  if (issues.length || !result.success) throw validationError(issues);
  return result.data;
}
