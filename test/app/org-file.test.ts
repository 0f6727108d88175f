import { describe, expect, it } from 'vitest';
import { OrgFileError, parseOrgFile } from '../../src/app/org-file.js';

const file = (members: string) => `{\n  "members": [\n${members}\n  ]\n}\n`;
const m = (extra = '') => `    {"open_id": "ou_a", "name": "甲", "role": "manager"${extra}}`;

describe('KAM_ORG_FILE', () => {
  it('parses members with reviewers and locales', () => {
    const org = parseOrgFile(file(`${m()},\n    {"open_id": "ou_b", "name": "乙", "role": "specialist", "manager": "ou_a", "locale": "en-US"}`));
    expect(org).toEqual([
      { openId: 'ou_a', name: '甲', role: 'manager', managerId: null, locale: 'zh_cn' },
      { openId: 'ou_b', name: '乙', role: 'specialist', managerId: 'ou_a', locale: 'en_us' },
    ]);
  });

  it.each([
    ['a bad role on line 4', file(`${m()},\n    {"open_id": "ou_b", "name": "乙", "role": "boss"}`), 4, /role must be one of/],
    ['a bad open_id', file(`    {"open_id": "u_1", "name": "甲", "role": "manager"}`), 3, /ou_/],
    ['a duplicate', file(`${m()},\n${m()}`), 4, /listed twice \(also on line 3\)/],
    ['an unknown manager', file(`    {"open_id": "ou_b", "name": "乙", "role": "specialist", "manager": "ou_zz"}`), 3, /not in the file/],
    ['an empty name', file(`    {"open_id": "ou_b", "name": "  ", "role": "specialist"}`), 3, /name is empty/],
    ['broken JSON', '{\n  "members": [\n    {"open_id": "ou_a",,}\n  ]\n}', 3, /not valid JSON/],
    ['no members key', '{"people": []}', 1, /members/],
  ])('rejects %s with its line', (_n, raw, line, reason) => {
    let err: unknown;
    try {
      parseOrgFile(raw);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OrgFileError);
    expect((err as OrgFileError).line).toBe(line);
    expect((err as Error).message).toMatch(reason);
  });
});
