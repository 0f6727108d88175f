/**
 * A file or image sent as a reply to a customer's archive card is research material for that
 * customer (the assistant's data support for prospects, §3.2.1). Lark only lets a bot download
 * it later with the message id and key, so both are kept.
 */
import { attachResearchFile } from '../../app/customer/attach-research.js';
import { CUSTOMER_SUBJECT } from '../../app/customer/store.js';
import { subjectOfMessage } from '../../app/outbox.js';
import { isDomainError } from '../../domain/errors.js';
import { pick } from '../../domain/i18n.js';
import type { MessageTypeHandler } from '../free-text.js';

export const researchFromReply: MessageTypeHandler = async (ctx, message) => {
  const parentId = ctx.message.parentId;
  if (!parentId) return false;
  const copy = await subjectOfMessage(ctx.tx, parentId);
  if (copy?.type !== CUSTOMER_SUBJECT) return false;
  const key = message.type === 'image' ? message.content.image_key : message.content.file_key;
  if (typeof key !== 'string' || !key) return false;
  const customerId = copy.id.split(':')[0]!;
  try {
    const customer = await ctx.tx.transaction((sp) =>
      attachResearchFile(
        sp,
        {
          customerId,
          actor: ctx.member,
          kind: message.type === 'image' ? 'image' : 'file',
          messageId: message.messageId,
          fileKey: key,
          fileName: typeof message.content.file_name === 'string' ? message.content.file_name : null,
        },
        { now: ctx.now },
      ),
    );
    const name = message.type === 'image' ? { zh_cn: '图片', en_us: 'the image' } : { zh_cn: `文件「${String(message.content.file_name ?? '')}」`, en_us: `the file "${String(message.content.file_name ?? '')}"` };
    await ctx.reply({
      text: pick({ zh_cn: `已将${name.zh_cn}加入「${customer.name}」的调研资料。`, en_us: `Added ${name.en_us} to ${customer.name}'s research material.` }, ctx.locale),
    });
  } catch (e) {
    if (!isDomainError(e)) throw e;
    await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
  }
  return true;
};
