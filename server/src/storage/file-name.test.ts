import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FileKind } from './content-type.js';
import { kindExtensions, MAX_FILE_NAME_LENGTH, sanitizeFileName } from './file-name.js';

const kinds = Object.keys(kindExtensions) as FileKind[];

/** The characters the brief names: bidi controls, zero-width characters, C0/C1 controls. */
const invisibles = [
  ...'\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c',
  ...'\u200b\u200c\u200d\u2060\ufeff',
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  '\u007f',
  '\u0085',
  '\u2028',
];
// eslint-disable-next-line no-control-regex -- the test's subject is control characters
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

/** Names as an attacker or a careless tool might send them: Chinese, paths, extensions, invisibles, astral and combining characters, lone surrogates. */
const hostileName = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '营业执照',
        '审计报告',
        '合作协议',
        '(1)',
        ' ',
        '.',
        '..',
        '/',
        '\\',
        'C:',
        '.pdf',
        '.PDF',
        '.exe',
        '.JPEG',
        '.jpg',
        '.docx',
        '.tar.gz',
        'e\u0301',
        '\u00e9',
        '𠀀',
        '😀',
        '\u3000',
        '\u0958',
      ),
      fc.constantFrom(...invisibles),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.constantFrom('\ud800', '\udc00', 'a'.repeat(150), '长'.repeat(120), '𠀀'.repeat(70)),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const isWellFormed = (s: string) => !/\p{Cs}/u.test(s);

describe('sanitizeFileName', () => {
  it('keeps a Chinese name as given', () => {
    expect(sanitizeFileName('河南某某科技有限公司营业执照（副本）.pdf')).toBe(
      '河南某某科技有限公司营业执照（副本）.pdf',
    );
    expect(sanitizeFileName('2021年度审计报告 v2.PDF', 'pdf')).toBe('2021年度审计报告 v2.PDF');
  });

  it('drops path parts, from either kind of slash', () => {
    expect(sanitizeFileName('C:\\Users\\张三\\Desktop\\营业执照.pdf')).toBe('营业执照.pdf');
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('材料/..')).toBe('未命名文件');
  });

  it('removes control, bidi and zero-width characters, so the shown extension is the real one', () => {
    expect(sanitizeFileName('营业执照\u202efdp.exe')).toBe('营业执照fdp.exe');
    expect(sanitizeFileName('营业执照\u202efdp.exe', 'pdf')).toBe('营业执照fdp.exe.pdf');
    expect(sanitizeFileName('\ufeff审计\u200b报告\u2066\u2069\u200e\u200f\u061c\u0000\u001f\u007f.pdf')).toBe(
      '审计报告.pdf',
    );
    expect(sanitizeFileName('报告\r\nX-Injected: 1.pdf')).toBe('报告X-Injected: 1.pdf');
  });

  it('normalises to NFC', () => {
    expect(sanitizeFileName('Cafe\u0301.pdf')).toBe('Caf\u00e9.pdf');
  });

  it('makes the extension match the content, case-insensitively, accepting .jpg and .jpeg for JPEG', () => {
    expect(sanitizeFileName('照片.JPG', 'jpeg')).toBe('照片.JPG');
    expect(sanitizeFileName('照片.jpeg', 'jpeg')).toBe('照片.jpeg');
    expect(sanitizeFileName('照片.png', 'jpeg')).toBe('照片.png.jpg');
    expect(sanitizeFileName('申请报告', 'docx')).toBe('申请报告.docx');
    expect(sanitizeFileName('名单.xls', 'xlsx')).toBe('名单.xls.xlsx');
    expect(sanitizeFileName('电子证照.ofd', 'ofd')).toBe('电子证照.ofd');
    expect(sanitizeFileName('scan.pdf.exe', 'pdf')).toBe('scan.pdf.exe.pdf');
  });

  it('names what is left empty 未命名文件, with the extension', () => {
    expect(sanitizeFileName('')).toBe('未命名文件');
    expect(sanitizeFileName('\u202e\u200b  ')).toBe('未命名文件');
    expect(sanitizeFileName('.pdf')).toBe('未命名文件.pdf');
    expect(sanitizeFileName('', 'png')).toBe('未命名文件.png');
    expect(sanitizeFileName('...', 'pdf')).toBe('未命名文件.pdf');
  });

  it('cuts a long name to 200 UTF-16 units, keeping the extension and every character whole', () => {
    const long = sanitizeFileName(`${'证明材料'.repeat(100)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('证明材料.pdf')).toBe(true);
    const astral = sanitizeFileName(`${'𠀀'.repeat(150)}.docx`, 'docx');
    expect(astral).toBe(`${'𠀀'.repeat(97)}.docx`);
    const combined = sanitizeFileName(`${'e\u0301\u0323'.repeat(100)}.pdf`);
    expect(combined.length).toBeLessThanOrEqual(200);
    expect(combined.normalize('NFD').endsWith('e\u0323\u0301.pdf')).toBe(true);
  });

  it('is stable when a cut leaves what reads as an extension after a run of dots', () => {
    const name = `甲${'a'.repeat(190)}..${'𠀀'.repeat(40)}`;
    const once = sanitizeFileName(name);
    expect(once).toBe(`甲${'a'.repeat(190)}.${'𠀀'.repeat(3)}`);
    expect(sanitizeFileName(once)).toBe(once);
  });

  it('holds its guarantees for any name (property)', () => {
    fc.assert(
      fc.property(hostileName, fc.option(fc.constantFrom(...kinds), { nil: undefined }), (name, kind) => {
        const out = sanitizeFileName(name, kind);
        expect(out).not.toMatch(FORBIDDEN);
        expect(out).not.toMatch(/[\\/]/);
        expect(isWellFormed(out)).toBe(true);
        expect(out.length).toBeGreaterThan(0);
        expect(out.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
        expect(out).toBe(out.normalize('NFC'));
        expect(out).toBe(out.trim());
        expect(sanitizeFileName(out, kind)).toBe(out);
        if (kind) {
          const extension = out.slice(out.lastIndexOf('.') + 1).toLowerCase();
          expect(kindExtensions[kind]).toContain(extension);
          expect(out.toLowerCase()).not.toMatch(/\.(exe|js|html?|bat|cmd|scr|com)$/);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps a well-behaved name unchanged (property)', () => {
    const plain = fc.string({
      unit: fc.constantFrom(...'申报材料营业执照审计报告0123456789abcXYZ-_()（）'),
      minLength: 1,
      maxLength: 60,
    });
    fc.assert(
      fc.property(plain, fc.constantFrom(...kinds), (stem, kind) => {
        const name = `${stem}.${kindExtensions[kind][0]}`;
        expect(sanitizeFileName(name, kind)).toBe(name);
      }),
    );
  });
});
