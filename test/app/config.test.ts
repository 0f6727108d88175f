import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('defaults to the sandbox on PGlite in Shanghai', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, timeZone: 'Asia/Shanghai', pgliteDir: './data/pglite', databaseUrl: undefined, lark: { sandbox: true, baseUrl: 'https://open.feishu.cn' } });
  });

  it('reads a full production setup', () => {
    const c = loadConfig({
      LARK_APP_ID: 'cli_a',
      LARK_APP_SECRET: 's',
      LARK_DOMAIN: 'lark',
      DATABASE_URL: 'postgres://u@h/db',
      KAM_ADMINS: 'ou_a, ou_b',
      PORT: '8080',
    });
    expect(c.lark).toMatchObject({ sandbox: false, baseUrl: 'https://open.larksuite.com' });
    expect(c.admins).toEqual(['ou_a', 'ou_b']);
    expect(c.port).toBe(8080);
  });

  it('reads the monthly Lark API budget (the free edition\'s 10,000 by default; 0 for none)', () => {
    expect(loadConfig({}).lark.monthlyCallBudget).toBe(10_000);
    expect(loadConfig({ LARK_MONTHLY_CALL_BUDGET: '0' }).lark.monthlyCallBudget).toBe(0);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', 'must be a number'],
    [{ PORT: '70000' }, 'PORT', 'between 1 and 65535'],
    [{ KAM_TIMEZONE: 'Mars/Olympus' }, 'KAM_TIMEZONE', 'IANA'],
    [{ LARK_DOMAIN: 'ftp://x' }, 'LARK_DOMAIN', 'base URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', 'postgres://'],
    [{ KAM_ADMINS: 'alice' }, 'KAM_ADMINS', 'ou_'],
    [{ LARK_APP_ID: 'cli_a' }, 'LARK_APP_SECRET', 'set both'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'one of'],
    [{ LARK_MONTHLY_CALL_BUDGET: '-1' }, 'LARK_MONTHLY_CALL_BUDGET', '0 (no budget) or more'],
  ])('%j stops with a line naming %s', (env, variable, fragment) => {
    let err: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe(variable);
    expect((err as Error).message).toContain(fragment);
    expect((err as Error).message.split('\n')).toHaveLength(1);
  });

  it('never echoes secrets in the error', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@x' })).toThrow(/^(?!.*hunter2)/);
  });
});
