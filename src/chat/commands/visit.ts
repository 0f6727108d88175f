/**
 * `拜访 客户` / `/visit <customer>`: the visit plan form. `模板` / `template`: the report
 * templates. `草稿` / `/drafts`: the reports typed as messages and not yet confirmed.
 * A message starting with 拜访 that is really a record ("拜访总结：…", "拜访了华能，王总说…")
 * is handed to the record flow instead of being read as a customer name.
 */
import { planFormFor, PLANNERS } from '../../app/visit/plan-form.js';
import { DRAFT_KINDS } from '../../app/visit/draft-registry.js';
import { openDraftsOf } from '../../app/visit/draft-store.js';
import { draftCard } from '../../app/visit/take-report.js';
import { sendTemplate } from '../../app/visit/template.js';
import { isDomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import type { ReportIntent } from '../../domain/parse/templates.js';
import type { Command } from '../registry.js';
import { customerAndTime } from './visit-common.js';
import { takeIfReport } from './visit-free-text.js';
import { summaryUnsaved } from '../fallback.js';
import { readText } from '../free-text.js';

export const visitCommand: Command = {
  name: 'visit',
  words: ['visit', '拜访', '计划拜访', '拜访计划'],
  strict: true,
  namesCustomer: true,
  title: i18n('计划拜访', 'Plan a visit'),
  usage: i18n('拜访计划；拜访后直接把总结发给我', 'the plan; after the visit just send me the summary'),
  examples: { zh_cn: ['拜访 客户名称', '拜访 客户名称 明天下午'], en_us: ['visit <customer>', 'visit <customer> tomorrow 2pm'] },
  roles: PLANNERS,
  async run(ctx) {
    const reading = readText(ctx.text);
    if (await takeIfReport(ctx, { untriggered: false, reading })) return;
    if (!ctx.args) {
      await ctx.reply({ text: pick(i18n('请写上客户名称，例如：拜访 华东电网', 'Name the customer, e.g. /visit East China Grid'), ctx.locale) });
      return;
    }
    if (ctx.args.length > 30 && ((await takeIfReport(ctx, { untriggered: true, reading })) || (await summaryUnsaved(ctx, reading)))) return;
    const named = await customerAndTime(ctx, ctx.args);
    if (!named) return;
    try {
      await ctx.reply({ card: await planFormFor(ctx.tx, named.customer, ctx.member, ctx.deps.config.timeZone, null, named.prefill) });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
    }
  },
};

const TEMPLATE_OF: [RegExp, ReportIntent][] = [
  [/回访|follow/i, 'follow_up'],
  [/接待|reception/i, 'reception_report'],
  [/月报|month/i, 'monthly_report'],
];

export const templateCommand: Command = {
  name: 'template',
  words: ['template', '模板', '拜访模板', '总结模板'],
  title: i18n('填写模板', 'Templates'),
  usage: i18n('拜访总结、回访、接待报告的填写模板', 'fill-in templates: visit summary, follow-up, reception report'),
  examples: { zh_cn: ['模板', '模板 回访', '模板 接待'], en_us: ['template', 'template follow-up', 'template reception'] },
  // Reports come from whoever plans visits and receptions; finance writes none.
  roles: PLANNERS,
  button: true,
  async run(ctx) {
    const intent = TEMPLATE_OF.find(([re]) => re.test(ctx.args))?.[1] ?? 'visit_record';
    await sendTemplate(ctx, ctx.member.openId, ctx.locale, intent);
  },
};

export const draftsCommand: Command = {
  name: 'drafts',
  words: ['drafts', '草稿', '我的草稿'],
  title: i18n('未确认的草稿', 'My drafts'),
  usage: i18n('发过但还没确认的拜访总结、回访和接待报告', 'reports you sent but have not confirmed'),
  examples: { zh_cn: ['草稿'], en_us: ['drafts'] },
  roles: PLANNERS,
  button: true,
  async run(ctx) {
    const drafts = await openDraftsOf(ctx.tx, ctx.member.openId);
    if (!drafts.length) {
      await ctx.reply({ text: pick(i18n('没有未确认的草稿。', 'You have no unconfirmed drafts.'), ctx.locale) });
      return;
    }
    for (const d of drafts) await ctx.reply({ card: await draftCard(ctx.tx, DRAFT_KINDS[d.kind], d, ctx.deps.config.timeZone) });
  },
};
