import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { buildApp } from '../http/app.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-cli-files-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const cli = (...args: string[]) =>
  spawnSync('npx', ['tsx', 'server/src/cli.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });

describe('npm run cli -- sweep-files / scrub-files', () => {
  it(
    'report and remove what nothing references, and name a stored file whose bytes changed',
    { timeout: 120_000 },
    async () => {
      const app = await buildApp({
        config: loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { scrubIntervalSeconds: 0 }),
      });
      await app.ctx.digests.idle();
      const file = await app.ctx.db
        .selectFrom('evidence_files')
        .select(['storage_key', 'original_name'])
        .where('evidence_type', '=', 'business_license')
        .executeTakeFirstOrThrow();
      await app.close();

      const intact = cli('scrub-files');
      expect(intact.status, intact.stderr).toBe(0);
      expect(intact.stdout).toMatch(/已校验 \d+ 个文件/);

      const stored = path.join(dataDir, 'files', file.storage_key);
      const bytes = fs.readFileSync(stored);
      bytes[10]! ^= 0xff;
      fs.writeFileSync(stored, bytes);
      const changed = cli('scrub-files');
      expect(changed.status).toBe(1);
      expect(changed.stderr).toContain(`不一致：${file.original_name}`);

      const orphan = path.join(dataDir, 'files', 'cd', 'cdef0123-4567-4890-8abc-def012345678');
      fs.mkdirSync(path.dirname(orphan), { recursive: true });
      fs.writeFileSync(orphan, 'x');
      const old = new Date(Date.now() - 2 * 3600_000);
      fs.utimesSync(orphan, old, old);
      const dry = cli('sweep-files', '--dry-run');
      expect(dry.status, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('无记录引用的文件：1 个（可删除）');
      expect(fs.existsSync(orphan)).toBe(true);
      const swept = cli('sweep-files');
      expect(swept.stdout).toContain('无记录引用的文件：1 个（已删除）');
      expect(fs.existsSync(orphan)).toBe(false);

      expect(cli('--help').stdout).toMatch(/sweep-files[\s\S]*scrub-files/);
    },
  );
});
