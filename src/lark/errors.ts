/**
 * How a failed Open API call should be handled. The SDK throws AxiosError on non-2xx and
 * returns {code≠0} on HTTP-200 business errors; both land here (lark.md §4.2, §7).
 */
export type LarkFailure = 'rate_limited' | 'token_invalid' | 'retryable' | 'expired' | 'quota_exhausted' | 'permanent';

export class LarkApiError extends Error {
  constructor(
    readonly failure: LarkFailure,
    readonly code: number | null,
    message: string,
    readonly retryAfterMs: number | null = null,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
    this.name = 'LarkApiError';
  }
}

/** 190004/190005/190010: the calendar API's own throttles (method, app, contended resource). */
const RATE_LIMITED = new Set([99991400, 230020, 190004, 190005, 190010]);
const TOKEN_INVALID = new Set([99991663, 99991661, 99991668]);
/** 230031: the message is past Lark's 14-day edit window; re-post instead of patching. */
const EXPIRED = new Set([230031, 230071]);
const RETRYABLE_CODES = new Set([99991401, 1000040343, 230049]);
/** The tenant's monthly API quota is used up (free edition): final until the month turns, not a throttle. */
const QUOTA_EXHAUSTED = 99991403;

interface AxiosLike {
  isAxiosError?: boolean;
  code?: string;
  message?: string;
  response?: { status: number; data?: unknown; headers?: Record<string, unknown> };
}

const resetMs = (headers: Record<string, unknown> | undefined): number | null => {
  const raw = headers?.['x-ogw-ratelimit-reset'];
  const s = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : null;
};

export function classifyBusinessCode(code: number, message: string, headers?: Record<string, unknown>): LarkApiError {
  const msg = message.includes(`[${code}]`) ? message : `[${code}] ${message}`;
  if (code === QUOTA_EXHAUSTED) return new LarkApiError('quota_exhausted', code, msg);
  if (RATE_LIMITED.has(code)) return new LarkApiError('rate_limited', code, msg, resetMs(headers));
  if (TOKEN_INVALID.has(code)) return new LarkApiError('token_invalid', code, msg);
  if (EXPIRED.has(code)) return new LarkApiError('expired', code, msg);
  if (RETRYABLE_CODES.has(code)) return new LarkApiError('retryable', code, msg);
  return new LarkApiError('permanent', code, msg);
}

export function classifyThrown(e: unknown): LarkApiError {
  if (e instanceof LarkApiError) return e;
  const ax = e as AxiosLike;
  const res = ax?.response;
  if (res) {
    const body = res.data as { code?: unknown; msg?: unknown } | undefined;
    const code = typeof body?.code === 'number' ? body.code : null;
    const msg = `HTTP ${res.status}${code !== null ? ` [${code}]` : ''}${typeof body?.msg === 'string' ? `: ${body.msg}` : ''}`;
    if (code !== null && code !== 0) {
      const err = classifyBusinessCode(code, msg, res.headers);
      // A 5xx carrying an unknown business code is still the server's fault: retry it.
      if (err.failure === 'permanent' && res.status >= 500) return new LarkApiError('retryable', code, msg, null, res.status);
      return new LarkApiError(err.failure, code, msg, err.retryAfterMs, res.status);
    }
    if (res.status === 429) return new LarkApiError('rate_limited', null, msg, resetMs(res.headers), 429);
    if (res.status === 401) return new LarkApiError('token_invalid', null, msg, null, 401);
    if (res.status >= 500 || res.status === 408) return new LarkApiError('retryable', null, msg, null, res.status);
    return new LarkApiError('permanent', null, msg, null, res.status);
  }
  // No response: timeout, connection refused or reset. Lark may or may not have acted, which is
  // why sends carry a uuid.
  return new LarkApiError('retryable', null, `network: ${ax?.code ?? ''} ${ax?.message ?? String(e)}`.trim());
}
