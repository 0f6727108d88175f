import { formatDateTime, ymd } from '../../../src/domain/time.js';

export const SH = 'Asia/Shanghai';
/** Friday 2026-11-27 10:00 in Shanghai: the reference every parse test uses. */
export const NOW = new Date('2026-11-27T10:00:00+08:00');

export const CUSTOMERS = [
  '中国华能集团有限公司',
  '华能国际电力股份有限公司',
  '北京字节跳动科技有限公司',
  '三一重工股份有限公司',
  '国网江苏省电力有限公司',
  '招商银行股份有限公司',
  '南京鼓楼医院',
];

/** "2026-12-02 14:00" for a time, "2026-12-03" for a date-only answer, null for none. */
export function show(at: Date | null | undefined, hasTime: boolean): string | null {
  if (!at) return null;
  return hasTime ? formatDateTime(at, SH) : ymd(at, SH);
}
