import { i18n } from '../../domain/i18n.js';
import { updateMember } from '../../app/roster.js';
import type { Command } from '../registry.js';

export const langCommand: Command = {
  name: 'lang',
  words: ['lang', 'language', '语言', 'english', '中文'],
  title: i18n('语言', 'Language'),
  usage: i18n('切换回复语言', 'switches my replies'),
  examples: { zh_cn: ['English'], en_us: ['中文'] },
  roles: 'all',
  async run(ctx) {
    const t = ctx.text.toLowerCase();
    const locale = /english|\ben\b/.test(t) ? 'en_us' : /中文|zh|chinese/.test(t) ? 'zh_cn' : null;
    if (!locale) {
      await ctx.reply({ text: ctx.locale === 'en_us' ? 'Send "English" or "中文".' : '请发送「中文」或「English」。' });
      return;
    }
    await updateMember(ctx.tx, ctx.member.openId, ctx.member.openId, { locale }, ctx.now);
    await ctx.reply({ text: locale === 'en_us' ? 'OK, I will reply in English.' : '好的，之后用中文回复您。' });
  },
};
