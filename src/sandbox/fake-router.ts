import type { Context, Hono } from 'hono';

/** A pure answer of one of the fake's APIs (fake-calendar.ts, fake-tasks.ts): HTTP status and body. */
export type FakeAnswer = { status: number; payload: Record<string, unknown> };

/**
 * What a routes file of the fake Lark registers its paths with: the app, and `serve`, which
 * wraps a pure answer in the fake's checks (token, faults, rate and monthly limits) and records
 * the call, as every route of fake-lark.ts does.
 */
export interface FakeRouter<Api extends string = string> {
  app: Hono;
  serve(api: Api, answer: (c: Context, body: Record<string, unknown>) => FakeAnswer): (c: Context) => Promise<Response>;
}
