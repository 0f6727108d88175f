/** Entry points other than a typed message: the bot menu and the first opening of the chat. */
import { z } from 'zod';
import { eventEntry, type EventContext } from '../lark/inbound.js';
import { enqueueSend } from '../app/outbox.js';
import { getMember } from '../app/roster.js';
import { whomToAsk } from '../app/admins.js';
import { COMMANDS, HELP_COMMAND } from './commands/index.js';
import { commandsFor } from './commands/help.js';

const MenuEvent = z.object({
  event_key: z.string(),
  operator: z.object({ operator_id: z.object({ open_id: z.string().optional() }) }),
});
const P2pCreate = z.object({ chat_id: z.string().optional(), operator: z.object({ open_id: z.string().optional() }).optional(), user: z.object({ open_id: z.string() }) });

async function runFor(ctx: EventContext, openId: string, commandName: string): Promise<void> {
  const member = await getMember(ctx.tx, openId);
  const reply = async (body: Parameters<typeof enqueueSend>[2]) => enqueueSend(ctx, { openId }, body);
  if (!member?.active) {
    const names = await whomToAsk(ctx.tx, ctx.deps.config.admins);
    await reply({
      text: `您好！您还不在大客户部的成员名单中，请联系管理员${names.length ? `（${names.join('、')}）` : ''}将您添加进来。\nHello! You are not on the key-account roster yet; please ask an administrator${names.length ? ` (${names.join(', ')})` : ''} to add you.`,
    });
    return;
  }
  const command = commandsFor(COMMANDS, member, ctx.deps.config.admins).find((c) => c.name === commandName) ?? HELP_COMMAND;
  await command.run({
    deps: ctx.deps,
    tx: ctx.tx,
    now: ctx.now,
    member,
    locale: member.locale,
    args: '',
    text: command.words[0] ?? command.name,
    mentions: [],
    message: { id: null, chatId: null, chatType: 'p2p', parentId: null },
    reply,
  });
}

/** `application.bot.menu_v6`: a menu item's event_key names a command; it has no chat_id, so answer by DM. */
export const MENU_CLICKED = eventEntry({
  schema: MenuEvent,
  orderKey: (e) => e.operator.operator_id.open_id,
  async handle(ctx, e) {
    const openId = e.operator.operator_id.open_id;
    if (openId) await runFor(ctx, openId, e.event_key);
  },
});

/** `p2p_chat_create` (a 1.0 event, fired once): greet with the help card. */
export const P2P_CHAT_CREATED = eventEntry({
  schema: P2pCreate,
  orderKey: (e) => e.user.open_id,
  async handle(ctx, e) {
    // When the bot opened the chat itself (it messaged first), there is nobody to greet.
    if (e.operator?.open_id && e.operator.open_id !== e.user.open_id) return;
    await runFor(ctx, e.user.open_id, 'help');
  },
});
