/**
 * The payload a card button carries back in `card.action.trigger`. It is small, versioned and
 * validated: anything else (a tampered value, a card from an older release) is refused with a
 * toast. Authority never comes from here — the server re-checks the roster on every click.
 */
import { z } from 'zod';

const ACTION_VALUE_VERSION = 1;

/** `k` names the handler ("approval.decide"); the rest are that handler's own fields. */
export interface ActionValue {
  k: string;
  [field: string]: string | number | boolean | null;
}

const Envelope = z.object({ v: z.literal(ACTION_VALUE_VERSION), k: z.string().min(1).max(64) }).catchall(
  z.union([z.string().max(512), z.number(), z.boolean(), z.null()]),
);

export function encodeActionValue(value: ActionValue): Record<string, string | number | boolean | null> {
  return { v: ACTION_VALUE_VERSION, ...value };
}

export type DecodedActionValue = z.infer<typeof Envelope>;

/** Returns the envelope, or null when the value is not one of ours (or from an unknown version). */
export function decodeActionValue(raw: unknown): DecodedActionValue | null {
  const parsed = Envelope.safeParse(typeof raw === 'string' ? safeJson(raw) : raw);
  return parsed.success ? parsed.data : null;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

/**
 * Pieces of the button-value schemas the card callback checks. Lenient where the cards' own
 * values differ (an id sent as a number by one card, as a string by another), strict on shape.
 */
export const RefValue = z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(64));
export const SerialValue = z.coerce.number().int().positive();
export const VersionValue = z.coerce.number().int().nonnegative();
