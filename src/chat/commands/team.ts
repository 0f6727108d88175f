import { teamCard } from '../../../cards/team.js';
import { i18n } from '../../domain/i18n.js';
import { ROLE_LABEL } from '../../domain/roster.js';
import { listMembers } from '../../app/roster.js';
import type { Command } from '../registry.js';

const ROLE_ORDER = ['director', 'manager', 'assistant', 'specialist', 'finance', 'admin'];

export const teamCommand: Command = {
  name: 'team',
  words: ['team', '团队', '名单', '成员列表'],
  // 团队 also begins questions about the team's figures ("团队这个月的业绩怎么样").
  strict: true,
  title: i18n('团队名单', 'Team'),
  usage: i18n('大客户部成员和上下级', 'who is on the team and who reviews whom'),
  examples: { zh_cn: ['团队'], en_us: ['team'] },
  roles: 'all',
  button: true,
  async run(ctx) {
    const all = await listMembers(ctx.tx);
    const names = new Map(all.map((m) => [m.openId, m.name]));
    const rows = all
      .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'zh'))
      .map((m) => ({ name: m.name, roleLabel: ROLE_LABEL[m.role], managerName: m.managerId ? (names.get(m.managerId) ?? null) : null, active: m.active }));
    await ctx.reply({ card: teamCard(rows) });
  },
};
