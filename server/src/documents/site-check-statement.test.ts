import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import {
  buildSiteCheckStatement,
  renderSiteCheckStatementDocx,
  renderSiteCheckStatementPdf,
} from './site-check-statement.js';

function entryText(zip: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err);
      file.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return file.readEntry();
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream
            .on('data', (c: Buffer) => chunks.push(c))
            .on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
      });
      file.on('end', () => reject(new Error(`${name} not found`)));
      file.readEntry();
    });
  });
}

const statement = buildSiteCheckStatement(2022, '洛阳慧智中小企业服务有限公司');
const dir = path.resolve('test-artifacts/documents');

describe('附件1 现场核查真实性说明', () => {
  it('carries the notice’s text with the unit’s name', () => {
    expect(statement.body).toBe(
      '经现场核查，洛阳慧智中小企业服务有限公司2022年度河南省中小企业公共服务示范平台申报材料真实有效，符合申报要求。',
    );
    expect(statement.sealLines).toEqual(['（被核查单位盖章）', '（工业和信息化主管部门盖章）']);
  });

  it('as Word, names the official fonts in the East Asian slot', async () => {
    const xml = await entryText(await renderSiteCheckStatementDocx(statement), 'word/document.xml');
    expect(xml).toContain(statement.body);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
  });

  it('as PDF, embeds a CJK TrueType subset and reads back', async () => {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'site-check-statement.pdf');
    fs.writeFileSync(file, await renderSiteCheckStatementPdf(statement));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('现场核查真实性说明');
    expect(text).toContain(statement.body);
    expect(text).toContain('（工业和信息化主管部门盖章）');
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/NotoSerifSC.*CID TrueType.*yes/);
    execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(dir, 'site-check-statement')]);
  });
});
