/**
 * Settings from the environment, validated once. A bad value stops the start with one line
 * naming the variable and the fix. Code receives a Config object; nothing else reads the env,
 * so the Worker (whose env arrives per request) and tests build their own.
 */
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const validTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const EnvSchema = z
  .object({
    LARK_APP_ID: optionalString.describe('the app ID from the Feishu developer console (cli_…)'),
    LARK_APP_SECRET: optionalString.describe('the app secret from the Feishu developer console'),
    LARK_ENCRYPT_KEY: optionalString.describe('the Encrypt Key under Events & Callbacks → Encryption strategy'),
    LARK_VERIFICATION_TOKEN: optionalString.describe('the Verification Token under Events & Callbacks → Encryption strategy'),
    LARK_DOMAIN: z
      .string()
      .trim()
      .default('feishu')
      .refine((v) => v === 'feishu' || v === 'lark' || /^https?:\/\/[^\s/]+(\/.*)?$/.test(v), {
        message: 'use "feishu", "lark", or a base URL such as http://127.0.0.1:3100',
      }),
    LARK_APPROVAL_CALLBACK_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s/]+\/\S*$/.test(v), {
      message: 'must be the full URL Feishu calls for a quick approval, e.g. https://bot.example.com/lark/approval-centre',
    }),
    LARK_APPROVAL_CALLBACK_TOKEN: optionalString.describe('the token Feishu sends with each quick-approval callback (any long random string)'),
    DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: 'must be a postgres:// connection string, or unset to use the embedded PGlite',
    }),
    PGLITE_DIR: z.string().trim().min(1).default('./data/pglite'),
    PORT: z.coerce
      .number({ message: 'must be a number' })
      .int()
      .min(1, { message: 'must be between 1 and 65535' })
      .max(65535, { message: 'must be between 1 and 65535' })
      .default(3000),
    KAM_TIMEZONE: z
      .string()
      .trim()
      .default('Asia/Shanghai')
      .refine(validTimeZone, { message: 'is not an IANA time zone; use e.g. Asia/Shanghai' }),
    KAM_ORG_FILE: optionalString,
    KAM_ADMINS: z
      .string()
      .default('')
      .transform((s) => s.split(/[,\s]+/).filter(Boolean))
      .refine((ids) => ids.every((id) => /^ou_[A-Za-z0-9_-]+$/.test(id)), {
        message: 'must be comma-separated open_ids starting with ou_',
      }),
    KAM_OUTBOX_LEASE_SECONDS: z.coerce
      .number({ message: 'must be a number of seconds' })
      .int()
      .min(1, { message: 'must be at least 1 second' })
      .max(3600, { message: 'must be at most 3600 seconds' })
      .default(60),
    KAM_EVENT_LANES: z.coerce
      .number({ message: 'must be a number of lanes' })
      .int({ message: 'must be a whole number of lanes' })
      .min(1, { message: 'must be at least 1' })
      .max(8, { message: 'must be at most 8 (each holds a database connection while it handles)' })
      .default(1),
    LARK_MONTHLY_CALL_BUDGET: z.coerce
      .number({ message: 'must be a number of calls a month (0: no budget)' })
      .int({ message: 'must be a whole number of calls' })
      .min(0, { message: 'must be 0 (no budget) or more' })
      .default(10_000),
    KAM_BENCH_NO_RATE_LIMIT: z
      .enum(['', '0', '1'], { message: 'must be 1 (benchmarks only: no client-side Lark rate limit) or unset' })
      .default('')
      .describe('benchmarks only'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error'], { message: 'must be one of debug, info, warn, error' }).default('info'),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.LARK_APP_ID) !== Boolean(env.LARK_APP_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.LARK_APP_ID ? 'LARK_APP_SECRET' : 'LARK_APP_ID'],
        message: 'is missing: set both LARK_APP_ID and LARK_APP_SECRET, or neither to run the sandbox',
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  lark: {
    appId: string | undefined;
    appSecret: string | undefined;
    encryptKey: string | undefined;
    verificationToken: string | undefined;
    /** Base URL of the Open API. */
    baseUrl: string;
    /** Lark API calls a month the bot may spend (Feishu's free edition: 10,000); 0: no budget. */
    monthlyCallBudget: number;
    /** No credentials: the built-in sandbox plays Lark. */
    sandbox: boolean;
    /**
     * Throttle sends under Lark's 50/s per API and 5/s per receiver. Off only for benchmarks
     * (KAM_BENCH_NO_RATE_LIMIT=1, against a fake Lark with its limits off), so they measure the
     * bot rather than the limiter.
     */
    clientRateLimit: boolean;
    /**
     * Approving in Feishu's approval centre (quick approval): where Feishu posts the decision and
     * the token it carries. Null (either unset): decisions are made on the bot's card only.
     */
    approvalCallback: { url: string; token: string } | null;
  };
  databaseUrl: string | undefined;
  pgliteDir: string;
  port: number;
  timeZone: string;
  orgFile: string | undefined;
  admins: string[];
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** How long a claimed outbox row stays claimed before another drainer may retry it. */
  outboxLeaseMs: number;
  /**
   * Transactions handling events at once on a Postgres server (different people's messages;
   * one person's stay in order). PGlite runs one transaction at a time, so there it is 1. One by
   * default: with the database on the bot's own two cores, 4 lanes answered 77–85 messages a
   * second at 1,000/s offered against 203–240 with one (bench/README.md); more pay only where
   * a batch waits on the network, with the database on another host.
   */
  eventLanes: number;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`Configuration error: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

const DOMAINS: Record<string, string> = {
  feishu: 'https://open.feishu.cn',
  lark: 'https://open.larksuite.com',
};

/** Parses the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const given = env[variable];
    throw new ConfigError(variable, `${issue.message}${given !== undefined && !/SECRET|KEY|TOKEN|DATABASE_URL/.test(variable) ? ` (got "${given}")` : ''}`);
  }
  const e = parsed.data;
  return {
    lark: {
      appId: e.LARK_APP_ID,
      appSecret: e.LARK_APP_SECRET,
      encryptKey: e.LARK_ENCRYPT_KEY,
      verificationToken: e.LARK_VERIFICATION_TOKEN,
      baseUrl: (DOMAINS[e.LARK_DOMAIN] ?? e.LARK_DOMAIN).replace(/\/+$/, ''),
      sandbox: !e.LARK_APP_ID,
      monthlyCallBudget: e.LARK_MONTHLY_CALL_BUDGET,
      clientRateLimit: e.KAM_BENCH_NO_RATE_LIMIT !== '1',
      approvalCallback: e.LARK_APPROVAL_CALLBACK_URL && e.LARK_APPROVAL_CALLBACK_TOKEN ? { url: e.LARK_APPROVAL_CALLBACK_URL, token: e.LARK_APPROVAL_CALLBACK_TOKEN } : null,
    },
    databaseUrl: e.DATABASE_URL,
    pgliteDir: e.PGLITE_DIR,
    port: e.PORT,
    timeZone: e.KAM_TIMEZONE,
    orgFile: e.KAM_ORG_FILE,
    admins: e.KAM_ADMINS,
    logLevel: e.LOG_LEVEL,
    outboxLeaseMs: e.KAM_OUTBOX_LEASE_SECONDS * 1000,
    eventLanes: e.KAM_EVENT_LANES,
  };
}
