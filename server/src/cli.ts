import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { describeBreak, verifyAuditChain } from './audit/verify-audit.js';
import { loadConfig } from './config.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import { systemClock } from './domain/clock.js';
import { roles, type Role } from '#contract';
import { PROVINCE_CODE, seedIfEmpty } from './seed/seed.js';
import { generateOneTimePassword } from './use-cases/steps/one-time-password.js';
import { createContext, type Context } from './use-cases/context.js';
import { rekeyPersonalData } from './use-cases/personal-data-keys.js';
import { scrubFiles } from './use-cases/scrub-files.js';
import { sweepFiles } from './use-cases/sweep-files.js';

const usage = [
  '用法：npm run cli -- <命令>',
  '',
  '命令：',
  '  create-admin [--username NAME] [--role ROLE]',
  '                                   创建第一个系统管理员（默认用户名 admin）；ROLE 可为 sysadmin（系统管理员，默认）、',
  '                                   secadmin（安全管理员）、auditadmin（审计管理员）或 province（省工信厅）。',
  '                                   一次性密码只显示这一次，首次登录须修改',
  '  verify-audit                     校验审计日志的哈希链，完整时退出码为 0，被篡改时为 1',
  '  sweep-files [--dry-run]          列出并删除无记录引用的文件、中断上传的暂存文件和一天前上传却未保存到名单的合作协议',
  '  scrub-files [--max-mb N]         重新计算已存文件的摘要并与上传时记录的比对，报告内容已改变或缺失的文件（不一致时退出码为 1）',
  '  rekey-personal-data              用 DATA_KEY 中第一个（当前）密钥重新加密全部个人数据，之后可从 DATA_KEY 中移除旧密钥',
].join('\n');

/** The roles the command line creates, and the display name each account gets. */
const cliRoles: Partial<Record<Role, string>> = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditadmin: '审计管理员',
  province: '省工信厅管理员',
};

async function createAdmin(args: string[]): Promise<number> {
  const at = args.indexOf('--username');
  const username = at >= 0 ? args[at + 1] : 'admin';
  if (!username || !/^[A-Za-z0-9_.@-]{3,64}$/.test(username)) {
    console.error('用户名须为3–64位字母、数字或 _ . @ -');
    return 2;
  }
  const roleAt = args.indexOf('--role');
  const role = (roleAt >= 0 ? args[roleAt + 1] : 'sysadmin') as Role;
  const displayName = cliRoles[role];
  if (!displayName) {
    console.error('--role 须为 sysadmin、secadmin、auditadmin 或 province');
    return 2;
  }
  const config = loadConfig();
  const db = openDatabase(config);
  const ctx = createContext(config, db, systemClock);
  try {
    await migrateToLatest(db);
    await seedIfEmpty(ctx);
    if (await ctx.users.findByUsername(username)) {
      console.error(`用户 ${username} 已存在`);
      return 1;
    }
    const password = generateOneTimePassword();
    const now = ctx.clock.now();
    const passwordHash = await ctx.passwords.hash(password);
    const id = randomUUID();
    await ctx.transaction(async (tx) => {
      await tx.users.insertUser({
        id,
        username,
        password_hash: passwordHash,
        role,
        display_name: displayName,
        unit_id: null,
        authority_code: role === 'province' ? PROVINCE_CODE : null,
        created_at: now.toISOString(),
        must_change_password: 1,
      });
      await tx.audit.record(
        {
          actorUserId: null,
          actorName: 'cli',
          ip: null,
          action: 'admin.create',
          targetType: 'user',
          targetId: id,
          detail: { username, role },
        },
        now,
      );
    });
    console.log(`已创建${roles[role]} ${username}`);
    console.log(`一次性密码（只显示这一次，首次登录须修改）：${password}`);
    return 0;
  } finally {
    // Seeding demo data on an empty DATA_DIR queues digests of its files: let them finish, then the worker.
    await ctx.digests.idle();
    await ctx.digester.close();
    await db.destroy();
  }
}

async function verifyAudit(): Promise<number> {
  const config = loadConfig();
  if (!config.databaseUrl && !fs.existsSync(config.databaseFile)) {
    console.error(`找不到数据库文件 ${config.databaseFile}，请检查 DATA_DIR`);
    return 2;
  }
  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
    const result = await verifyAuditChain(db);
    if (result.ok) {
      console.log(`审计日志完整：已校验至第 ${result.verifiedThrough} 条`);
      return 0;
    }
    console.error(`审计日志被篡改：${describeBreak(result.brokenAt)}`);
    console.error(result.verifiedThrough > 0 ? `第 1–${result.verifiedThrough} 条完整` : '没有可确认完整的记录');
    return 1;
  } finally {
    await db.destroy();
  }
}

/** Runs `fn` on the installation's database and file store (DATA_DIR), which must exist. */
async function onInstallation(fn: (ctx: Context) => Promise<number>): Promise<number> {
  const config = loadConfig();
  if (!config.databaseUrl && !fs.existsSync(config.databaseFile)) {
    console.error(`找不到数据库文件 ${config.databaseFile}，请检查 DATA_DIR`);
    return 2;
  }
  const db = openDatabase(config);
  const ctx = createContext(config, db, systemClock);
  try {
    await migrateToLatest(db);
    return await fn(ctx);
  } finally {
    await ctx.digester.close();
    await db.destroy();
  }
}

function sweep(args: string[]): Promise<number> {
  const dryRun = args.includes('--dry-run');
  return onInstallation(async (ctx) => {
    const report = await sweepFiles(ctx, { dryRun });
    const verb = dryRun ? '可删除' : report.removed ? '已删除' : '无需删除';
    console.log(`无记录引用的文件：${report.orphanBlobs.length} 个（${verb}）`);
    for (const key of report.orphanBlobs) console.log(`  ${key}`);
    console.log(`中断上传的暂存文件：${report.staleStaging.length} 个（${verb}）`);
    console.log(`未保存到名单的合作协议：${report.unattachedAgreements.length} 个（${verb}）`);
    for (const f of report.unattachedAgreements) console.log(`  ${f.name}（申报 ${f.applicationId}）`);
    return 0;
  });
}

function scrub(args: string[]): Promise<number> {
  const at = args.indexOf('--max-mb');
  const maxMb = at >= 0 ? Number(args[at + 1]) : Infinity;
  if (!(maxMb > 0)) {
    console.error('--max-mb 须为正数');
    return Promise.resolve(2);
  }
  return onInstallation(async (ctx) => {
    const report = await scrubFiles(ctx, ctx.digester, {
      maxFiles: Number.MAX_SAFE_INTEGER,
      maxBytes: maxMb === Infinity ? Number.MAX_SAFE_INTEGER : maxMb * 1024 * 1024,
    });
    console.log(`已校验 ${report.checked} 个文件，共 ${(report.bytes / 1048576).toFixed(1)} MB`);
    for (const f of report.failed)
      console.error(
        `不一致：${f.name}（文件 ${f.fileId}，申报 ${f.applicationId}）：${f.reason === 'missing' ? '文件缺失' : '内容与记录的摘要不符'}`,
      );
    return report.failed.length ? 1 : 0;
  });
}

function rekey(): Promise<number> {
  return onInstallation(async (ctx) => {
    const report = await rekeyPersonalData(ctx, 'cli');
    console.log(`已用密钥 ${report.keyId} 重新加密个人数据：`);
    for (const [column, rows] of Object.entries(report.columns)) console.log(`  ${column}：${rows} 条记录`);
    for (const k of report.otherKeys) {
      if (k.rows === 0) console.log(`密钥 ${k.keyId} 已不再使用，可以从 DATA_KEY 中移除（重启服务后生效）`);
      else
        console.error(
          `仍有 ${k.rows} 条记录用密钥 ${k.keyId} 加密：运行中的服务可能仍把它作为第一个密钥，请更新其 DATA_KEY 后再运行本命令`,
        );
    }
    return report.otherKeys.some((k) => k.rows > 0) ? 1 : 0;
  });
}

const commands = new Map<string, (args: string[]) => Promise<number>>([
  ['create-admin', createAdmin],
  ['verify-audit', verifyAudit],
  ['sweep-files', sweep],
  ['scrub-files', scrub],
  ['rekey-personal-data', rekey],
]);

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(usage);
    return 0;
  }
  const run = command === undefined ? undefined : commands.get(command);
  if (!run) {
    console.error(usage);
    return 2;
  }
  return run(args);
}

process.exitCode = await main(process.argv.slice(2));
