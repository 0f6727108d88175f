/**
 * The sandbox's demo department: a director, a manager, the assistant, four specialists and
 * finance (domain.md §1), loaded when the roster is empty so a newcomer can try every role at
 * once. A few more people exist in the fake tenant's directory but not on the roster, so the
 * admin's roster commands ("添加成员 @吴涛 专员") have someone to add.
 */
import type { OrgMember } from '../app/org-file.js';
import type { Member } from '../domain/roster.js';

export const DEMO_ROSTER: OrgMember[] = [
  { openId: 'ou_demo_wangjianguo', name: '王建国', role: 'director', managerId: null, locale: 'zh_cn' },
  { openId: 'ou_demo_lina', name: '李娜', role: 'manager', managerId: 'ou_demo_wangjianguo', locale: 'zh_cn' },
  { openId: 'ou_demo_zhangmin', name: '张敏', role: 'assistant', managerId: 'ou_demo_lina', locale: 'zh_cn' },
  { openId: 'ou_demo_liuyang', name: '刘洋', role: 'specialist', managerId: 'ou_demo_lina', locale: 'zh_cn' },
  { openId: 'ou_demo_chenjing', name: '陈静', role: 'specialist', managerId: 'ou_demo_lina', locale: 'zh_cn' },
  { openId: 'ou_demo_yangfan', name: '杨帆', role: 'specialist', managerId: 'ou_demo_lina', locale: 'zh_cn' },
  { openId: 'ou_demo_zhaolei', name: '赵磊', role: 'specialist', managerId: 'ou_demo_lina', locale: 'zh_cn' },
  { openId: 'ou_demo_zhouli', name: '周丽', role: 'finance', managerId: null, locale: 'zh_cn' },
];

/** In the tenant, not on the roster: colleagues an admin can add. */
const DEMO_NEWCOMERS: { openId: string; name: string; enName: string }[] = [
  { openId: 'ou_demo_wutao', name: '吴涛', enName: 'Wu Tao' },
  { openId: 'ou_demo_zhengshuang', name: '郑爽', enName: 'Zheng Shuang' },
];

const EN_NAMES: Record<string, string> = {
  ou_demo_wangjianguo: 'Wang Jianguo',
  ou_demo_lina: 'Li Na',
  ou_demo_zhangmin: 'Zhang Min',
  ou_demo_liuyang: 'Liu Yang',
  ou_demo_chenjing: 'Chen Jing',
  ou_demo_yangfan: 'Yang Fan',
  ou_demo_zhaolei: 'Zhao Lei',
  ou_demo_zhouli: 'Zhou Li',
};

/** Everyone in the fake tenant's contact directory (what `contact/v3/users/:id` answers). */
export function demoDirectory(): Record<string, { name: string; enName: string }> {
  const dir: Record<string, { name: string; enName: string }> = {};
  for (const m of DEMO_ROSTER) dir[m.openId] = { name: m.name, enName: EN_NAMES[m.openId] ?? m.name };
  for (const n of DEMO_NEWCOMERS) dir[n.openId] = { name: n.name, enName: n.enName };
  return dir;
}

/** The group chat the whole department is in (the bot answers there when @-mentioned). */
export const DEMO_GROUP = { chatId: 'oc_demo_kam_group', name: '大客户部工作群', enName: 'Key-account team' };

/**
 * Who administers the sandbox when KAM_ADMINS is unset: the first active director, so roster
 * commands can be tried without configuration.
 */
export function sandboxAdmins(configured: readonly string[], members: readonly Member[]): string[] {
  if (configured.length) return [...configured];
  const director = members.filter((m) => m.active && m.role === 'director').sort((a, b) => a.openId.localeCompare(b.openId))[0];
  return director ? [director.openId] : [];
}
