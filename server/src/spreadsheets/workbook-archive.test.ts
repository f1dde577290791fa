import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import {
  craftZip,
  deflatedZeros,
  rosterRows,
  rosterWorkbook,
  storedEntry,
  workbookBomb,
} from '../../test-support/fixtures.js';
import { AppError } from '../domain/errors.js';
import { checkWorkbookArchive } from './workbook-archive.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-archive-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let written = 0;

async function check(zip: Buffer): Promise<void> {
  const file = path.join(dir, `${++written}.xlsx`);
  fs.writeFileSync(file, zip);
  return checkWorkbookArchive(file);
}

/** The refusal a check ends in: a 422 WORKBOOK_REJECTED naming the field `file`. */
async function refusal(zip: Buffer): Promise<string> {
  const err = await check(zip).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const appError = err as AppError;
  expect(appError.code).toBe('WORKBOOK_REJECTED');
  expect(appError.status).toBe(422);
  expect(appError.details.errors).toEqual([{ field: 'file', message: appError.message }]);
  return appError.message;
}

const MiB = 1 << 20;

describe('checkWorkbookArchive', () => {
  it('passes workbooks ExcelJS writes, up to the largest roster allowed (50,000 rows, ~22 MB inflated)', async () => {
    await expect(check(await rosterWorkbook(rosterRows(3)))).resolves.toBeUndefined();
    await expect(check(await rosterWorkbook(rosterRows(50_000)))).resolves.toBeUndefined();
  }, 60_000);

  it('refuses what the headers declare to inflate beyond 50 MB in total, before inflating anything', async () => {
    const started = Date.now();
    const message = await refusal(workbookBomb(60 * MiB));
    expect(message).toContain('解压后有 60.0 MB，超过 50.0 MB 的上限');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses an entry that inflates past the size its headers declare (a lying header), after that many bytes', async () => {
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const message = await refusal(workbookBomb(1 << 30, 1000));
    expect(message).toBe(
      'Excel 文件中的“xl/worksheets/sheet1.xml”解压后的大小与文件头声明的不符，文件已损坏或被恶意构造，未导入',
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * MiB);
  });

  it('refuses an entry that inflates to less than declared', async () => {
    const short = { name: 'xl/worksheets/sheet1.xml', data: zlib.deflateRawSync('<worksheet/>'), declaredSize: 20 };
    expect(await refusal(craftZip([storedEntry('xl/workbook.xml', '<workbook/>'), short]))).toContain(
      '解压后的大小与文件头声明的不符',
    );
  });

  it('reads a ZIP64 directory as it reads a plain one', async () => {
    const zip64 = async (entries: Record<string, Buffer>) => {
      const zip = new yazl.ZipFile();
      for (const [name, data] of Object.entries(entries)) zip.addBuffer(data, name, { forceZip64Format: true });
      zip.end({ forceZip64Format: true, comment: '' });
      const chunks: Buffer[] = [];
      for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };
    const archive = await zip64({
      'xl/workbook.xml': Buffer.from('<workbook/>'),
      'xl/worksheets/sheet1.xml': Buffer.from('<worksheet/>'.repeat(1000)),
    });
    expect(archive.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true);
    await expect(check(archive)).resolves.toBeUndefined();
    expect(
      await refusal(
        await zip64({
          'xl/workbook.xml': Buffer.from('<workbook/>'),
          'xl/worksheets/sheet1.xml': Buffer.alloc(60 * MiB),
        }),
      ),
    ).toContain('超过 50.0 MB 的上限');
  });

  it('refuses more than 1,000 entries', async () => {
    const entries = Array.from({ length: 1000 }, (_, i) => storedEntry(`xl/media/image${i}.txt`, 'x'));
    await expect(
      check(craftZip([storedEntry('xl/workbook.xml', '<workbook/>'), ...entries.slice(1)])),
    ).resolves.toBeUndefined();
    const message = await refusal(craftZip([storedEntry('xl/workbook.xml', '<workbook/>'), ...entries]));
    expect(message).toContain('包含 1001 个压缩部件，超过 1000 个的上限');
  });

  it('refuses an entry compressed more than 100 times, while small well-compressed parts pass', async () => {
    const message = await refusal(workbookBomb(10 * MiB));
    expect(message).toBe(
      'Excel 文件中的“xl/worksheets/sheet1.xml”压缩比异常（超过 100 倍），可能是恶意构造的压缩文件，未导入',
    );
    await expect(check(workbookBomb(100 * 1024))).resolves.toBeUndefined();
  });

  it('refuses archives that another reader would see differently: hidden directory records, prepended bytes, a trailing signature', async () => {
    const bomb = { name: 'xl/worksheets/sheet1.xml', data: deflatedZeros(1 << 30), declaredSize: 1 << 30 };
    const hidden = craftZip([storedEntry('xl/workbook.xml', '<workbook/>'), bomb], { declaredEntryCount: 1 });
    expect(await refusal(hidden)).toContain('压缩结构异常');
    const workbook = await rosterWorkbook(rosterRows(1));
    expect(await refusal(Buffer.concat([Buffer.from('prefix'), workbook]))).toContain('压缩结构异常');
    expect(await refusal(Buffer.concat([workbook, Buffer.from('PK\x05\x06', 'latin1')]))).toContain('压缩结构异常');
  });

  it('refuses a file that is not a ZIP, or whose entry data is corrupt', async () => {
    expect(await refusal(Buffer.from('not a zip at all'))).toContain('压缩结构异常');
    expect(await refusal(Buffer.from('PK\x05\x06 tiny', 'latin1'))).toContain('压缩结构异常');
    const corrupt = craftZip([
      storedEntry('xl/workbook.xml', '<workbook/>'),
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from([0xff, 0xff, 0xff, 0xff]), declaredSize: 10 },
    ]);
    expect(await refusal(corrupt)).toContain('压缩结构异常');
  });
});
