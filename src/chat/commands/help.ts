import { helpCard } from '../../../cards/help.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { isAdmin, ROLE_LABEL, type Member, type Role } from '../../domain/roster.js';
import type { Command } from '../registry.js';

export const commandsFor = (all: readonly Command[], member: Member, admins: readonly string[]): Command[] =>
  all.filter((c) => (c.roles === 'all' || c.roles.includes(member.role) || isAdmin(member, admins)) && (!c.adminOnly || isAdmin(member, admins)));

/** What the bot does for a role without being asked, which no command line shows. */
const ROLE_NOTE: Partial<Record<Role, I18nText>> = {
  specialist: i18n(
    '拜访后直接把总结发给我（随便写，或用模板），我会挂到对应的拜访上，确认后保存。截止前我会提醒你。',
    'After a visit just send me the summary (free text or the template); I attach it to the visit and keep it once you confirm. I remind you before deadlines.',
  ),
  assistant: i18n(
    '同事出差报备时我会马上告诉你，每天 18:00 汇总还没报备的人。你能查看全部客户档案；回复客户档案卡片发送文件或图片，即存为该客户的调研资料。',
    'I tell you as soon as a traveller checks in, and list at 18:00 who has not. You can see every customer archive; reply to an archive card with a file or image to add it to that customer\'s research.',
  ),
  finance: i18n(
    '拜访的款项支持和费用报销到你这一步时，审批卡片会直接发给你。',
    'Visit funding and reimbursements reach you as approval cards when it is your step.',
  ),
  manager: i18n('团队的申请会以审批卡片发给你；逾期的事项在每天早上的汇总里。', "Your team's requests reach you as approval cards; overdue items are in the morning digest."),
  director: i18n('需要你审批的申请会以卡片发给你；升级的逾期事项在每天早上的汇总里。', 'Requests reach you as approval cards; escalations are in the morning digest.'),
};

export function helpCommand(all: () => readonly Command[]): Command {
  return {
    name: 'help',
    words: ['help', '帮助', '菜单', 'menu', '?', '？'],
    title: i18n('帮助', 'Help'),
    usage: i18n('查看我能做什么', 'what I can do for you'),
    examples: { zh_cn: ['帮助'], en_us: ['help'] },
    roles: 'all',
    async run(ctx) {
      const items = commandsFor(all(), ctx.member, ctx.deps.config.admins)
        .filter((c) => c.name !== 'help' && c.examples)
        .map((c) => ({ name: c.name, title: c.title, usage: c.usage, examples: c.examples!, button: Boolean(c.button) }));
      await ctx.reply({ card: helpCard({ name: ctx.member.name, roleLabel: ROLE_LABEL[ctx.member.role], items, roleNote: ROLE_NOTE[ctx.member.role] ?? null }) });
    },
  };
}
