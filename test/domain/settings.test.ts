import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../src/domain/errors.js';
import { checkSettings, DEFAULT_SETTINGS, parseClockText, parseSettingText, settingNamed, settingText, type Settings } from '../../src/domain/settings.js';

const s: Settings = { ...DEFAULT_SETTINGS, requiredArchiveFields: ['name', 'address'] };
const refused = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (isDomainError(e)) return `${e.userMessage.zh_cn} | ${e.userMessage.en_us}`;
    throw e;
  }
  throw new Error('not refused');
};

describe('settings as people type them', () => {
  it('names: keys, Chinese and English aliases', () => {
    expect(settingNamed('高价值阈值')).toBe('highValueThreshold');
    expect(settingNamed('high-value')).toBe('highValueThreshold');
    expect(settingNamed('PHONEBILLMONTHLYLIMIT')).toBe('phoneBillMonthlyLimit');
    expect(settingNamed('工作时间')).toBe('workingHours');
    expect(settingNamed('回访截止日')).toBe('followUpDueDay');
    expect(settingNamed('薪水')).toBeNull();
  });

  it('calendar sync: on or off, off by default', () => {
    expect(DEFAULT_SETTINGS.calendarSync).toBe(false);
    expect(settingNamed('日历同步')).toBe('calendarSync');
    expect(['开', 'on', '启用'].map((t) => parseSettingText('calendarSync', t, s))).toEqual([true, true, true]);
    expect(['关', 'OFF', '关闭'].map((t) => parseSettingText('calendarSync', t, s))).toEqual([false, false, false]);
    expect(refused(() => parseSettingText('calendarSync', '也许', s))).toContain('须为「开」或「关」');
    expect(settingText('calendarSync', true)).toEqual({ zh_cn: '开', en_us: 'on' });
  });

  it('money in whole yuan, with 万 and 元', () => {
    expect(parseSettingText('highValueThreshold', '500万', s)).toBe(5_000_000);
    expect(parseSettingText('phoneBillMonthlyLimit', '300元', s)).toBe(300);
    expect(parseSettingText('phoneBillMonthlyLimit', '0', s)).toBe(0);
    expect(refused(() => parseSettingText('highValueThreshold', '0', s))).toContain('须为正的整数元');
    expect(refused(() => parseSettingText('phoneBillMonthlyLimit', '12.5', s))).toContain('whole number of yuan');
    expect(refused(() => parseSettingText('highValueThreshold', '很多', s))).toContain('很多');
  });

  it('times, days and lists', () => {
    expect(parseClockText('9:00')).toBe('09:00');
    expect(parseClockText('18点')).toBe('18:00');
    expect(parseClockText('9：30')).toBe('09:30');
    expect(parseClockText('24:00')).toBeNull();
    expect(parseSettingText('workdayStart', '8:30', s)).toBe('08:30');
    expect(parseSettingText('followUpDueDay', '7天', s)).toBe(7);
    expect(parseSettingText('monthlyReportNudgeDays', '1、3号', s)).toEqual([1, 3]);
    expect(refused(() => parseSettingText('recordEscalateAfterDays', '31', s))).toContain('1 到 30');
  });

  it('required fields: a list by label or key, or +/- edits; unknown names are refused', () => {
    expect(parseSettingText('requiredArchiveFields', '客户名称、地址，creditRating', s)).toEqual(['name', 'address', 'creditRating']);
    expect(parseSettingText('requiredArchiveFields', '+传真 -地址', s)).toEqual(['name', 'fax']);
    expect(refused(() => parseSettingText('requiredArchiveFields', '+星座', s))).toContain('星座');
  });

  it('the rules across fields, in both languages', () => {
    expect(() => checkSettings(s, 'Asia/Shanghai')).not.toThrow();
    expect(refused(() => checkSettings({ ...s, workdayStart: '19:00' }, 'Asia/Shanghai'))).toContain('下班时间须晚于上班时间');
    expect(refused(() => checkSettings({ ...s, followUpNudgeDay: 7 }, 'Asia/Shanghai'))).toContain('follow-up reminder must come before');
  });

  it('shows values the way the card does', () => {
    expect(settingText('highValueThreshold', 5_000_000).zh_cn).toBe('¥5,000,000');
    expect(settingText('monthlyReportNudgeDays', [1, 4]).zh_cn).toBe('1号、4号');
    expect(settingText('requiredArchiveFields', ['name']).en_us).toBeTruthy();
  });
});
