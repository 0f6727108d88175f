import { helpCard } from '../../../cards/help.js';
import { i18n } from '../../domain/i18n.js';
import { isAdmin, ROLE_LABEL, type Member } from '../../domain/roster.js';
import type { Command } from '../registry.js';

export const commandsFor = (all: readonly Command[], member: Member, admins: readonly string[]): Command[] =>
  all.filter((c) => (c.roles === 'all' || c.roles.includes(member.role) || isAdmin(member, admins)) && (!c.adminOnly || isAdmin(member, admins)));

export function helpCommand(all: () => readonly Command[]): Command {
  return {
    name: 'help',
    words: ['help', '帮助', '菜单', 'menu', '?', '？'],
    title: i18n('帮助', 'Help'),
    usage: i18n('查看我能做什么', 'what I can do for you'),
    roles: 'all',
    async run(ctx) {
      const items = commandsFor(all(), ctx.member, ctx.deps.config.admins)
        .filter((c) => c.name !== 'help')
        .map((c) => ({ name: c.name, title: c.title, usage: c.usage, button: Boolean(c.button) }));
      await ctx.reply({ card: helpCard({ name: ctx.member.name, roleLabel: ROLE_LABEL[ctx.member.role], items }) });
    },
  };
}
