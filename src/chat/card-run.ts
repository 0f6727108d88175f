/** Help-card buttons: run an argument-free command as if the user had typed it. */
import { i18n } from '../domain/i18n.js';
import { z } from 'zod';
import { cardAction, toast } from '../app/card-handler.js';
import { enqueueSend, type MessageBody } from '../app/outbox.js';
import { COMMANDS } from './commands/index.js';
import { commandsFor } from './commands/help.js';

/** The help card's buttons name the command (`c`); which ones the clicker may run is decided here, not by the card. */
export const RUN_FROM_CARD = cardAction('chat.run', z.object({ c: z.unknown() }), async (ctx, value) => {
  const name = typeof value.c === 'string' ? value.c : '';
  const command = commandsFor(COMMANDS, ctx.operator, ctx.deps.config.admins).find((c) => c.name === name && c.button);
  if (!command) return toast('warning', i18n('该操作不可用。', 'That action is not available to you.'));
  // To the clicker, never the chat the card sits in: a help card in a group must not post one
  // person's answer (their customers, their approvals) to everyone there.
  const reply = async (body: MessageBody, o: { subject?: { type: string; id: string } } = {}) => {
    await enqueueSend(ctx, { openId: ctx.operator.openId }, body, o.subject ? { subject: o.subject } : {});
  };
  await command.run({
    deps: ctx.deps,
    tx: ctx.tx,
    now: ctx.now,
    member: ctx.operator,
    locale: ctx.operator.locale,
    args: '',
    text: command.words[0] ?? name,
    mentions: [],
    message: { id: null, chatId: ctx.chatId, chatType: 'card', parentId: null },
    reply,
  });
  return toast('success', i18n(`已发送「${command.title.zh_cn}」`, `Sent "${command.title.en_us}"`));
});
