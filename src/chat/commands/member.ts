/**
 * Roster management by chat, for admins: add / change role / set reviewer / deactivate /
 * reactivate a member by @-mention. Every change is audited and the member is told.
 */
import { i18n, pick, type I18nText } from '../../domain/i18n.js';
import { ROLE_LABEL, ROLES, type Role } from '../../domain/roster.js';
import { addMember, getMember, updateMember } from '../../app/roster.js';
import { enqueueSend } from '../../app/outbox.js';
import type { ChatContext } from '../context.js';
import type { Command } from '../registry.js';

const ROLE_WORDS: [RegExp, Role][] = [
  [/营销总监|总监|director/i, 'director'],
  [/大客户部经理|部门经理|经理|manager/i, 'manager'],
  [/内勤|assistant/i, 'assistant'],
  [/大客户专员|专员|specialist/i, 'specialist'],
  [/财务|finance/i, 'finance'],
  [/管理员|admin/i, 'admin'],
];

type Verb = 'add' | 'role' | 'manager' | 'deactivate' | 'activate';
const VERBS: [RegExp, Verb][] = [
  [/添加|新增|加入|\badd\b/i, 'add'],
  [/上级|经理是|汇报给|\bmanager\b|\breviewer\b/i, 'manager'],
  [/角色|改为|\brole\b/i, 'role'],
  [/停用|移除|删除|离职|\bremove\b|\bdeactivate\b/i, 'deactivate'],
  [/启用|恢复|\bactivate\b/i, 'activate'],
];

const USAGE = i18n(
  '添加成员 @张三 专员 @李四（上级，可选）\n成员 角色 @张三 经理\n成员 上级 @张三 @李四\n停用 @张三　/　启用 @张三',
  'member add @Zhang specialist @Li (reviewer, optional)\nmember role @Zhang manager\nmember manager @Zhang @Li\nmember remove @Zhang / member activate @Zhang',
);

function findRole(text: string): Role | null {
  const withoutMentions = text.replace(/@\S+/g, ' ');
  // "manager" is also a verb in English ("member manager @a @b"), so roles are read after the verb.
  for (const [re, role] of ROLE_WORDS) if (re.test(withoutMentions)) return role;
  return null;
}

function findVerb(text: string): Verb | null {
  const plain = text.replace(/@\S+/g, ' ');
  for (const [re, verb] of VERBS) if (re.test(plain)) return verb;
  return null;
}

async function say(ctx: ChatContext, text: I18nText): Promise<void> {
  await ctx.reply({ text: pick(text, ctx.locale) });
}

export const memberCommand: Command = {
  name: 'member',
  words: ['member', 'members', '成员', '添加成员', '新增成员', '停用', '启用'],
  title: i18n('成员管理', 'Manage members'),
  usage: i18n('添加、改角色、设上级、停用', 'add, change role, set reviewer, deactivate'),
  examples: {
    zh_cn: ['添加成员 @成员 专员', '成员 角色 @成员 经理', '成员 上级 @成员 @上级', '停用 @成员'],
    en_us: ['member add @member specialist', 'member role @member manager', 'member manager @member @reviewer', 'member remove @member'],
  },
  roles: ['admin'],
  adminOnly: true,
  async run(ctx) {
    const verb = findVerb(ctx.text);
    const [subject, second] = ctx.mentions;
    if (!verb || !subject) return say(ctx, i18n(`用法：\n${USAGE.zh_cn}`, `Usage:\n${USAGE.en_us}`));

    if (verb === 'add') {
      const role = findRole(ctx.text.replace(/^\S+\s*(add|添加|新增|加入)?/i, ''));
      if (!role) return say(ctx, i18n(`请写明角色：${ROLES.map((r) => ROLE_LABEL[r].zh_cn).join('、')}`, `Name a role: ${ROLES.join(', ')}`));
      let managerId: string | null = null;
      if (second) {
        const reviewer = await getMember(ctx.tx, second.openId);
        if (!reviewer?.active) return say(ctx, i18n(`${second.name} 不在名单中，请先添加其为经理或总监。`, `${second.name} is not on the roster; add them as a manager or director first.`));
        managerId = reviewer.openId;
      }
      const outcome = await addMember(ctx.tx, ctx.member.openId, { openId: subject.openId, name: subject.name, role, managerId }, ctx.now);
      await enqueueSend(ctx, { openId: subject.openId }, {
        text: `您已加入大客户部，角色：${ROLE_LABEL[role].zh_cn}。发送「帮助」查看可用功能。\nYou have been added to the key-account team as ${ROLE_LABEL[role].en_us}. Send "help" to see what I can do.`,
      });
      return say(
        ctx,
        i18n(
          `已${outcome === 'added' ? '添加' : '更新'} ${subject.name}：${ROLE_LABEL[role].zh_cn}${second ? `，上级 ${second.name}` : ''}`,
          `${outcome === 'added' ? 'Added' : 'Updated'} ${subject.name}: ${ROLE_LABEL[role].en_us}${second ? `, reviewer ${second.name}` : ''}`,
        ),
      );
    }

    const target = await getMember(ctx.tx, subject.openId);
    if (!target) return say(ctx, i18n(`${subject.name} 不在名单中，请先用「添加成员」。`, `${subject.name} is not on the roster; use "member add" first.`));

    if (verb === 'role') {
      const role = findRole(ctx.text.replace(/^.*?(角色|role)/i, ''));
      if (!role) return say(ctx, i18n(`请写明新角色：${ROLES.map((r) => ROLE_LABEL[r].zh_cn).join('、')}`, `Name the new role: ${ROLES.join(', ')}`));
      await updateMember(ctx.tx, ctx.member.openId, target.openId, { role }, ctx.now);
      return say(ctx, i18n(`${target.name} 的角色已改为 ${ROLE_LABEL[role].zh_cn}`, `${target.name} is now ${ROLE_LABEL[role].en_us}`));
    }
    if (verb === 'manager') {
      if (!second) return say(ctx, i18n('请 @ 两个人：成员，以及其上级。', 'Mention two people: the member, then their reviewer.'));
      const reviewer = await getMember(ctx.tx, second.openId);
      if (!reviewer?.active || !['manager', 'director'].includes(reviewer.role)) {
        return say(ctx, i18n(`${second.name} 需要是在岗的经理或总监。`, `${second.name} must be an active manager or director.`));
      }
      if (reviewer.openId === target.openId) return say(ctx, i18n('成员不能是自己的上级。', 'A member cannot review themselves.'));
      await updateMember(ctx.tx, ctx.member.openId, target.openId, { managerId: reviewer.openId }, ctx.now);
      return say(ctx, i18n(`${target.name} 的上级已设为 ${reviewer.name}`, `${target.name} now reports to ${reviewer.name}`));
    }
    if (verb === 'deactivate') {
      if (target.openId === ctx.member.openId) return say(ctx, i18n('不能停用自己。', 'You cannot deactivate yourself.'));
      await updateMember(ctx.tx, ctx.member.openId, target.openId, { active: false }, ctx.now);
      return say(ctx, i18n(`已停用 ${target.name}，其不再能使用本助手。`, `${target.name} is deactivated and can no longer use the assistant.`));
    }
    await updateMember(ctx.tx, ctx.member.openId, target.openId, { active: true }, ctx.now);
    return say(ctx, i18n(`已启用 ${target.name}`, `${target.name} is active again`));
  },
};
