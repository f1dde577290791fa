import { describe, expect, it } from 'vitest';
import { DISC_NAME_MAX, discName } from './package-archive-plan.js';

describe('names on the disc', () => {
  it('replace what Windows refuses and drop trailing dots and spaces', () => {
    expect(discName('报告:2022/终稿?.pdf')).toBe('报告_2022_终稿_.pdf');
    expect(discName('平台名称. ')).toBe('平台名称');
    expect(discName('...')).toBe('未命名');
  });

  it('keep at most 64 UTF-16 units (Joliet), the extension kept', () => {
    const long = `08-上年度审计报告或资产负债表-${'河南省中小企业公共服务示范平台年度审计报告'.repeat(3)}.PDF`;
    const name = discName(long);
    expect(name.length).toBeLessThanOrEqual(DISC_NAME_MAX);
    expect(name.startsWith('08-上年度审计报告或资产负债表-河南省')).toBe(true);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(discName('短名称.pdf')).toBe('短名称.pdf');
  });

  it('count a character outside the BMP as two and never cut it in half', () => {
    const name = discName(`${'𠀀'.repeat(40)}.pdf`);
    expect(name).toBe(`${'𠀀'.repeat(30)}.pdf`);
    expect(name.length).toBe(64);
    expect(discName('01-河南𠀀服务平台', 6)).toBe('01-河南');
    expect(discName('01-河南𠀀服务平台', 7)).toBe('01-河南𠀀');
  });
});
