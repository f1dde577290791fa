import { randomBytes, randomUUID } from 'node:crypto';
import { loadConfig } from './config.js';
import { migrateToLatest, openSqlite } from './db/database.js';
import { systemClock } from './domain/clock.js';
import { PROVINCE_CODE, seedIfEmpty } from './seed/seed.js';
import { createContext } from './use-cases/context.js';

/** Generates a password that meets the policy: all four character classes. */
function generatePassword(): string {
  const raw = randomBytes(12).toString('base64url');
  return `${raw}Aa9#`;
}

const usage = 'Usage: npm run cli -- create-admin [--username NAME]';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'create-admin') {
    console.error(usage);
    return 2;
  }
  const at = rest.indexOf('--username');
  const username = at >= 0 ? rest[at + 1] : 'admin';
  if (!username || !/^[A-Za-z0-9_.@-]{3,64}$/.test(username)) {
    console.error('用户名须为3–64位字母、数字或 _ . @ -');
    return 2;
  }
  const config = loadConfig();
  const db = openSqlite(config.databaseFile);
  try {
    await migrateToLatest(db);
    const ctx = createContext(config, db, systemClock);
    await seedIfEmpty(ctx);
    if (await ctx.users.findByUsername(username)) {
      console.error(`用户 ${username} 已存在`);
      return 1;
    }
    const password = generatePassword();
    const now = ctx.clock.now();
    await ctx.users.insertUser({
      id: randomUUID(),
      username,
      password_hash: await ctx.passwords.hash(password),
      role: 'province',
      display_name: '省工信厅管理员',
      unit_id: null,
      authority_code: PROVINCE_CODE,
      failed_logins: 0,
      locked_until: null,
      created_at: now.toISOString(),
    });
    await ctx.audit.record({ actorUserId: null, actorName: 'cli', ip: null, action: 'admin.create', targetType: 'user', detail: { username } }, now);
    console.log(`已创建省级管理员 ${username}`);
    console.log(`初始密码（只显示这一次，请妥善保存）：${password}`);
    return 0;
  } finally {
    await db.destroy();
  }
}

process.exitCode = await main(process.argv.slice(2));
