/** "/apply" / "申请": file a small request (travel, purchase, phone bill, equipment, target change). */
import { requestKindCard } from '../../../cards/request-form.js';
import { newRequestForm } from '../../app/requests/file.js';
import { i18n, pick } from '../../domain/i18n.js';
import { isDomainError } from '../../domain/errors.js';
import { targetChangeFormFor } from '../../app/kpi/targets.js';
import type { SmallRequestKind } from '../../domain/requests/kinds.js';
import type { Command } from '../registry.js';

/** "申请出差", "出差申请" and the menu's own word "出差" go straight to the travel form. */
const KIND_WORDS: [RegExp, SmallRequestKind][] = [
  [/出差|travel|trip/i, 'travel'],
  [/采购|purchase/i, 'purchase'],
  [/话费|phone/i, 'phone_bill'],
  [/设备|借用|领用|equipment|camera|laptop/i, 'equipment'],
  [/目标|target/i, 'target_change'],
];

export const applyCommand: Command = {
  name: 'apply',
  words: ['apply', '申请', '发起申请', '出差申请', '出差', 'new request', 'travel request'],
  // 出差 also begins a summary ("出差回来，今天拜访了…"): free text is asked first.
  strict: true,
  title: i18n('发起申请', 'New request'),
  usage: i18n('出差、采购、话费、设备借用、目标调整', 'travel, purchase, phone bill, equipment loan, target change'),
  examples: { zh_cn: ['申请', '出差申请'], en_us: ['apply', 'apply travel'] },
  roles: 'all',
  button: true,
  async run(ctx) {
    // The command word itself may name the kind (出差申请), so the whole text is read.
    const kind = KIND_WORDS.find(([re]) => re.test(ctx.text))?.[1];
    if (kind === 'target_change') {
      // against the recorded target: the same form as 指标调整
      try {
        await ctx.reply({ card: await targetChangeFormFor(ctx.tx, ctx.member, { now: ctx.now, timeZone: ctx.deps.config.timeZone }) });
      } catch (e) {
        if (!isDomainError(e)) throw e;
        await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
      }
      return;
    }
    await ctx.reply({ card: kind ? await newRequestForm(ctx.tx, kind, ctx.member.openId, ctx.now, ctx.deps.config.timeZone) : requestKindCard() });
  },
};
