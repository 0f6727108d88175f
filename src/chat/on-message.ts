/**
 * `im.message.receive_v1`: who is asking, what they said, and which command answers. Runs
 * inside the event's transaction, so replies go out if and only if the handling committed.
 */
import { ReceivedMessage } from '../lark/envelope.js';
import { ownEntry } from '../lark/payload.js';
import { eventEntry, type EventContext } from '../lark/inbound.js';
import { enqueueReply, enqueueSend, type MessageBody } from '../app/outbox.js';
import { getMemberWithSync, syncContactName } from '../app/roster.js';
import { whomToAsk } from '../app/admins.js';
import type { Member } from '../domain/roster.js';
import { extractText, type IncomingText } from './message.js';
import { withoutTemplateInstructions } from './copied-template.js';
import { matchCommand } from './registry.js';
import { answerIntent, answerUnrecognised } from './fallback.js';
import { readText } from './free-text.js';
import { COMMANDS, FREE_TEXT_HANDLERS, MESSAGE_TYPE_HANDLERS } from './commands/index.js';
import { commandsFor } from './commands/help.js';
import type { ChatContext } from './context.js';

/** Longer than any customer name people type after 客户 / 拜访 without a space. */
const LOOSE_NAME_MAX = 30;

/** The group's answer when the real one went to the asker's direct chat. */
export const SENT_PRIVATELY = '📩 已私信发给你（群聊中不展示仅你可见的内容）。\nSent to you in a direct chat: it is not for the whole group.';


/**
 * Whether a message is for the bot at all: a person writing to it directly, or @-mentioning it
 * in a group. Judged from the event alone, so the webhook can settle the rest (most of a busy
 * group's traffic) on arrival. `botOpenId` undefined: not known yet, so a group message that
 * @-mentions anyone may be for the bot. `incoming`: the text already read, if it was.
 */
export function messageConcernsBot(e: ReceivedMessage, botOpenId: string | null | undefined, incoming?: IncomingText | null): boolean {
  if (e.sender.sender_type !== 'user' || !e.sender.sender_id.open_id) return false; // our own and other bots' messages
  if (e.message.chat_type === 'p2p') return true;
  if (!e.message.mentions?.length) return false; // group chatter: nobody @-mentioned, so not us
  if (botOpenId === undefined) return true;
  return (incoming === undefined ? extractText(e, botOpenId) : incoming)?.botMentioned ?? false; // a group attachment is not addressed to us
}

async function onMessage(ctx: EventContext, event: ReceivedMessage): Promise<void> {
  const botOpenId = await ctx.deps.botOpenId();
  const extracted = extractText(event, botOpenId);
  if (!messageConcernsBot(event, botOpenId, extracted)) return;
  const { sender, message } = event;
  const openId = sender.sender_id.open_id!;

  const group = message.chat_type !== 'p2p';
  const reply = async (body: MessageBody, o: { subject?: { type: string; id: string }; private?: boolean } = {}) => {
    const sub = o.subject ? { subject: o.subject } : {};
    // In a group, answer under the message; in a direct chat, a plain message reads better.
    if (group && !o.private) await enqueueReply(ctx, message.message_id, body, { ...sub, chatId: message.chat_id });
    else await enqueueSend(ctx, { openId }, body, sub);
    if (group && o.private) await enqueueReply(ctx, message.message_id, { text: SENT_PRIVATELY }, { chatId: message.chat_id });
  };

  const incoming = extracted && { ...extracted, text: withoutTemplateInstructions(extracted.text) };
  const found = await getMemberWithSync(ctx.tx, openId);
  const member = found?.member ?? null;
  if (!member?.active) {
    await reply({ text: await notOnRosterText(ctx, member) });
    return;
  }
  // Names come from Lark's contact directory when the app may read it; best effort, after this.
  ctx.deps.defer(() => syncContactName(ctx.deps, member, { contactSyncedAt: found?.contactSyncedAt ?? null }));

  const chat: ChatContext = {
    deps: ctx.deps,
    tx: ctx.tx,
    now: ctx.now,
    member,
    locale: member.locale,
    args: incoming?.text ?? '',
    text: incoming?.text ?? '',
    mentions: incoming?.mentions ?? [],
    message: { id: message.message_id, chatId: message.chat_id, chatType: group ? 'group' : 'p2p', parentId: message.parent_id ?? null },
    reply,
  };

  if (!incoming) {
    // Content not of its type's shape reaches no handler: the person is told it cannot be read.
    const content = event.content();
    if (content) {
      for (const handler of ownEntry(MESSAGE_TYPE_HANDLERS, message.message_type) ?? []) {
        if (await handler(chat, { messageId: message.message_id, type: message.message_type, content })) return;
      }
    }
    await reply({
      text:
        member.locale === 'en_us'
          ? 'I can only read text messages for this. Send "help" to see what I can do.'
          : '这类消息我暂时读不了，请发文字。发送「帮助」查看我能做什么。',
    });
    return;
  }

  const allowed = commandsFor(COMMANDS, member, ctx.deps.config.admins);
  let matched = matchCommand(COMMANDS, incoming.text);
  // Read once, for every free-text handler and the fallback after them.
  const reading = matched ? null : readText(incoming.text);
  if (reading) {
    for (const handler of FREE_TEXT_HANDLERS) {
      if (await handler(chat, reading)) {
        ctx.deps.log.info('chat.free_text', { openId, eventId: ctx.eventId });
        return;
      }
    }
    // A clear aim ("明天下午去申能拜访", "团队这个月的业绩怎么样") gets what it asked for.
    const intent = await answerIntent(chat, allowed, reading);
    if (intent) {
      ctx.deps.log.info('chat.fallback', { kind: intent, openId, eventId: ctx.eventId });
      return;
    }
    // Nothing took it as free text: 拜访华能 still means "plan a visit to 华能"; but a sentence
    // after the word (客户说价格偏高，…) names no customer.
    matched = matchCommand(COMMANDS, incoming.text, { loose: true });
    if (matched?.command.namesCustomer && [...matched.args].length > LOOSE_NAME_MAX) matched = null;
  }
  if (!matched) {
    const kind = await answerUnrecognised(chat, allowed, reading ?? readText(incoming.text));
    ctx.deps.log.info('chat.fallback', { kind, openId, eventId: ctx.eventId });
    return;
  }
  if (!allowed.includes(matched.command)) {
    const adminOnly = matched.command.adminOnly;
    await reply({
      text:
        member.locale === 'en_us'
          ? adminOnly
            ? 'That command is for administrators only.'
            : `"${matched.command.title.en_us}" is not available to your role. Send "help" to see what you can do.`
          : adminOnly
            ? '该命令仅限管理员使用。'
            : `您的角色不能使用「${matched.command.title.zh_cn}」。发送「帮助」查看可用功能。`,
    });
    return;
  }

  ctx.deps.log.info('chat.command', { command: matched.command.name, openId, eventId: ctx.eventId });
  await matched.command.run({ ...chat, args: matched.args });
}

/** `im.message.receive_v1`: checked once by the gateway, its content parsed at most once. */
export const MESSAGE_RECEIVED = eventEntry({
  schema: ReceivedMessage,
  concerns: messageConcernsBot,
  handle: onMessage,
  // A person's messages build on each other (a summary, then 确认); different people's do not.
  orderKey: (e) => e.sender.sender_id.open_id,
});

async function notOnRosterText(ctx: EventContext, member: Member | null): Promise<string> {
  const names = await whomToAsk(ctx.tx, ctx.deps.config.admins);
  const who = names.length ? names.join('、') : '';
  const whoEn = names.length ? names.join(', ') : '';
  if (member && !member.active) {
    return `您的账号已停用，如需恢复请联系管理员${who ? `（${who}）` : ''}。\nYour access has been deactivated; please ask an administrator${whoEn ? ` (${whoEn})` : ''}.`;
  }
  return (
    `您好！您还不在大客户部的成员名单中，暂时无法使用本助手。请联系管理员${who ? `（${who}）` : ''}将您添加进来。\n` +
    `Hello! You are not on the key-account team's roster yet, so I cannot help you. Please ask an administrator${whoEn ? ` (${whoEn})` : ''} to add you.`
  );
}
