/** The shapes Lark posts to the webhook (lark.md §1.3, §2.1, §3.1), validated at the boundary. */
import { z } from 'zod';
import { boundPayload } from './payload.js';

export const UrlVerification = z.object({
  type: z.literal('url_verification'),
  challenge: z.string().min(1),
  token: z.string().optional(),
});

const Header = z.object({
  event_id: z.string().min(1).max(128),
  event_type: z.string().min(1),
  token: z.string().optional(),
  create_time: z.string().optional(),
  app_id: z.string().optional(),
  tenant_key: z.string().optional(),
});

const EnvelopeV2 = z.object({
  schema: z.literal('2.0'),
  header: Header,
  event: z.record(z.string(), z.unknown()),
});

/** Legacy 1.0 events (p2p_chat_create, app_ticket): no header; dedupe on `uuid`. */
const EnvelopeV1 = z.object({
  uuid: z.string().min(1).max(128),
  token: z.string().optional(),
  type: z.literal('event_callback'),
  event: z.object({ type: z.string().min(1) }).catchall(z.unknown()),
});

export interface NormalizedEvent {
  eventId: string;
  eventType: string;
  token: string | undefined;
  event: Record<string, unknown>;
}

export function normalizeEnvelope(body: unknown): NormalizedEvent | null {
  const v2 = EnvelopeV2.safeParse(body);
  if (v2.success) {
    return { eventId: v2.data.header.event_id, eventType: v2.data.header.event_type, token: v2.data.header.token, event: v2.data.event };
  }
  const v1 = EnvelopeV1.safeParse(body);
  if (v1.success) return { eventId: v1.data.uuid, eventType: v1.data.event.type, token: v1.data.token, event: v1.data.event };
  return null;
}

const UserId = z.object({ open_id: z.string().optional(), union_id: z.string().optional(), user_id: z.string().optional() });

export const MessageReceiveEvent = z.object({
  sender: z.object({ sender_id: UserId, sender_type: z.string(), tenant_key: z.string().optional() }),
  message: z.object({
    message_id: z.string(),
    root_id: z.string().optional(),
    parent_id: z.string().optional(),
    thread_id: z.string().optional(),
    create_time: z.string().optional(),
    chat_id: z.string(),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    mentions: z
      .array(z.object({ key: z.string(), id: UserId, name: z.string().optional(), tenant_key: z.string().optional() }))
      .optional(),
  }),
});
export type MessageReceiveEvent = z.infer<typeof MessageReceiveEvent>;

/**
 * A received message as its handler gets it: the event checked, and its content (a JSON string
 * inside it) parsed on first use and kept, so the arrival filter and the handler share one parse
 * — and group chatter, settled from the event alone, is never parsed at all.
 */
const parsedContent = new WeakMap<object, Record<string, unknown> | null>();
/** One shared method, not a closure and a copy per event: most events are chatter that never calls it. */
function content(this: Pick<MessageReceiveEvent, 'message'>): Record<string, unknown> | null {
  let c = parsedContent.get(this);
  if (c === undefined) parsedContent.set(this, (c = parseMessageContent(this.message.message_type, this.message.content)));
  return c;
}
// The checked value is zod's own fresh object, so the method is added to it rather than copied.
export const ReceivedMessage = MessageReceiveEvent.transform((e) => Object.assign(e, { content }));
export type ReceivedMessage = z.output<typeof ReceivedMessage>;


const PostNode = z.object({ tag: z.string().optional(), text: z.string().optional(), user_id: z.string().optional(), user_name: z.string().optional(), href: z.string().optional() });
const PostBody = z.object({ title: z.string().optional(), content: z.array(z.array(PostNode)) });
export type PostBody = z.infer<typeof PostBody>;

/**
 * `message.content` per message type (lark.md §2.2): a JSON string inside the event, so the
 * envelope's checks never saw it. Types not listed only need to be a JSON object.
 */
const MESSAGE_CONTENT = {
  text: z.object({ text: z.string() }),
  // A received post may or may not be wrapped in a locale key.
  post: z.union([PostBody, z.record(z.string(), z.unknown()).transform((o, ctx) => {
    for (const v of Object.values(o)) {
      const body = PostBody.safeParse(v);
      if (body.success) return body.data;
    }
    ctx.addIssue({ code: 'custom', message: 'no post body' });
    return z.NEVER;
  })]),
  image: z.object({ image_key: z.string().min(1) }),
  file: z.object({ file_key: z.string().min(1), file_name: z.string().optional() }).loose(),
  location: z.object({ name: z.string().optional(), longitude: z.union([z.string(), z.number()]).optional(), latitude: z.union([z.string(), z.number()]).optional() }),
} satisfies Record<string, z.ZodType>;
const AnyContent = z.record(z.string(), z.unknown());

/**
 * The content of a received message, parsed, bounded, its text made storable, and checked
 * against its type's shape; null when it is not what that type carries (`"null"`, a number, a
 * post whose nodes are not text…), which the bot answers as a message it cannot read.
 */
export function parseMessageContent(messageType: 'text', raw: string): { text: string } | null;
export function parseMessageContent(messageType: 'post', raw: string): PostBody | null;
export function parseMessageContent(messageType: string, raw: string): Record<string, unknown> | null;
export function parseMessageContent(messageType: string, raw: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!boundPayload(parsed).ok) return null;
  const schema: z.ZodType = Object.hasOwn(MESSAGE_CONTENT, messageType) ? MESSAGE_CONTENT[messageType as keyof typeof MESSAGE_CONTENT] : AnyContent;
  const result = schema.safeParse(parsed);
  return result.success ? result.data : null;
}

/** A handler's schema's verdict on a payload: its typed value, or why it is not one. */
export type CheckedEvent = { ok: true; value: unknown } | { ok: false; issue: string | undefined };

/** An event the webhook just stored, still in memory: processing need not read it back, nor check it again. */
export interface ArrivedEvent {
  eventId: string;
  eventType: string;
  event: Record<string, unknown>;
  /** Its handler's schema's verdict, when a handler exists (see `arrive`). */
  checked?: CheckedEvent;
  /** Events with the same key are handled in the order they came (see EventEntry.orderKey). */
  orderKey?: string;
}
