import type { I18nText } from './i18n.js';

export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'VALIDATION'
  | 'PRECONDITION_FAILED';

/**
 * A rule said no. It carries the message the user sees (both languages), so the edge can turn
 * it into a toast or a chat reply without knowing the rule.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly userMessage: I18nText,
    readonly details?: Record<string, unknown>,
  ) {
    super(`${code}: ${userMessage.en_us}`);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** Turns anything thrown into an Error, for logs and failure records. */
export function coerceError(e: unknown): Error {
  if (e instanceof Error) return e;
  return new Error(typeof e === 'string' ? e : JSON.stringify(e));
}
