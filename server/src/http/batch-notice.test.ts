import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

describe('the notice a batch implements', () => {
  it('is public with the batch: issuer, title, every paragraph and the contacts to call', async () => {
    const res = await new TestClient(app).get('/api/v1/batches');
    expect(res.statusCode).toBe(200);
    for (const batch of res.json() as { config: { notice?: Record<string, unknown> } }[]) {
      expect(batch.config.notice).toMatchObject({
        issuer: '河南省工业和信息化厅办公室',
        title: '关于组织申报2022年度省级中小企业公共服务示范平台的通知',
        contacts: [
          { name: '朱志珉', phone: '0371-65507615' },
          { name: '李振', phone: '0371-65507559' },
        ],
      });
      const paragraphs = batch.config.notice!.paragraphs as string[];
      expect(paragraphs[0]).toBe('各省辖市、济源示范区、航空港区工业和信息化主管部门：');
      expect(paragraphs.some((p) => p.includes('谈话结果要写入推荐文件'))).toBe(true);
    }
  });
});
