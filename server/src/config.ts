import path from 'node:path';
import { z } from 'zod';
import type { Role } from '#contract';
import type { S3Settings } from './storage/s3-blob-store.js';

/** Settings come from the environment, parsed once here; nothing else reads process.env. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  MAX_UPLOAD_MB: z.coerce.number().positive().default(200),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().optional(),
  DATA_KEY: z.string().optional(),
  CERTIFICATE_SIGNING_KEY: z.string().optional(),
  PUBLIC_BASE_URL: z.url({ error: '须为 http(s):// 开头的公开访问地址' }).default('http://localhost:3000'),
  SCRUB_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(600),
  SCRUB_MB_PER_ROUND: z.coerce.number().positive().default(256),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { error: '须为 smtp://用户名:密码@主机:端口 或 smtps://…' })
    .optional(),
  SMTP_FROM: z.string().optional(),
  NOTIFY_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(5),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: '须为 postgres://用户名:密码@主机:端口/数据库' })
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(10),
  STORAGE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseFile: string;
  /** PostgreSQL's connection string (postgres://user:password@host:port/database); null: the SQLite file above. */
  databaseUrl: string | null;
  /** At most this many connections to PostgreSQL per process (each request in a transaction holds one). */
  databasePoolMax: number;
  /** Local staging, and the stored files themselves when `s3` is null. */
  filesDir: string;
  /** STORAGE=s3: the files live in this S3-compatible bucket (staging stays under filesDir); null: on local disk. */
  s3: S3Settings | null;
  production: boolean;
  /** Demo mode: seeded demo accounts and an open copy of the 2022 batch. Off in production. */
  demo: boolean;
  /**
   * Demo mode also fills the expert pool (seven experts, the first with the demo account `expert`). The test
   * harness turns it off: each expert-review test draws from the pool it builds.
   */
  demoExpertPool: boolean;
  maxUploadBytes: number;
  logLevel: string;
  /** Sessions end after this many seconds without a request, and in any case this long after login. */
  sessionIdleSeconds: number;
  sessionAbsoluteSeconds: number;
  /**
   * Which proxies to trust for X-Forwarded-For/-Proto (Fastify's trustProxy): unset = none (the socket's
   * address is the client), a number of hops, or a comma-separated list of addresses/CIDRs.
   */
  trustProxy: boolean | number | string[];
  /**
   * The key that encrypts personal data at rest (SM4), as `<key id>:<32 hex digits>`; several keys
   * separated by commas, the first one encrypts (the others still decrypt, for rotation). Required in
   * production; generated and kept in DATA_DIR in demo and test mode.
   */
  dataKey: string | null;
  /**
   * The province's SM2 key that signs certificates, as `<key id>:<64 hex digits>` (the private key; the public
   * key is derived). Required in production when certificates are issued; generated and kept in DATA_DIR in demo
   * and test mode (crypto/signing-key.ts).
   */
  certificateSigningKey: string | null;
  /** The address the public reaches the system at: certificates' QR codes point to <publicBaseUrl>/verify/<key>. */
  publicBaseUrl: string;
  /** Failed logins before the account locks, and for how long. */
  lockoutThreshold: number;
  lockoutSeconds: number;
  /**
   * Roles that must sign in with a second factor (TOTP); city officials also when their authority requires
   * it. In production the province and the three administrators; in demo mode none, because the demo
   * accounts are shared by every visitor (anyone may still enrol).
   */
  secondFactorRoles: Role[];
  /** Login attempts per IP per minute (LOGIN_RATE_LIMIT_PER_MINUTE, default 30). */
  loginRateLimitPerMinute: number;
  webDistDir: string;
  /** How often the scrub re-hashes stored files (0: never), and how many bytes at most per round. */
  scrubIntervalSeconds: number;
  scrubBytesPerRound: number;
  /** Where notification emails go out (smtp://user:pass@host:port, smtps:// for TLS); null: in-app only. */
  smtpUrl: string | null;
  /** The sender of notification emails. */
  smtpFrom: string;
  /** How often the notification job runs (0: never; tests run it by hand). */
  notifyIntervalSeconds: number;
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const production = e.NODE_ENV === 'production';
  if (production && !e.DATA_KEY?.trim()) {
    throw new Error(
      'Invalid environment:\nDATA_KEY: 生产环境（NODE_ENV=production）必须设置个人数据加密密钥，格式为 <密钥编号>:<32位十六进制数字>，如 k2026:$(openssl rand -hex 16)；见 README「Deploying」',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseFile: path.join(dataDir, 'shenbao.sqlite'),
    databaseUrl: e.DATABASE_URL?.trim() || null,
    databasePoolMax: e.DATABASE_POOL_MAX,
    filesDir: path.join(dataDir, 'files'),
    s3: e.STORAGE === 's3' ? s3Settings(e) : null,
    production,
    demo: !production,
    demoExpertPool: !production,
    maxUploadBytes: Math.floor(e.MAX_UPLOAD_MB * 1024 * 1024),
    logLevel: e.LOG_LEVEL,
    sessionIdleSeconds: 30 * 60,
    sessionAbsoluteSeconds: 12 * 60 * 60,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    dataKey: e.DATA_KEY ?? null,
    certificateSigningKey: e.CERTIFICATE_SIGNING_KEY?.trim() || null,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    lockoutThreshold: 5,
    lockoutSeconds: 30 * 60,
    secondFactorRoles: production ? ['province', 'sysadmin', 'secadmin', 'auditadmin', 'expert'] : [],
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    webDistDir: path.resolve('dist/web'),
    scrubIntervalSeconds: e.SCRUB_INTERVAL_SECONDS,
    scrubBytesPerRound: Math.floor(e.SCRUB_MB_PER_ROUND * 1024 * 1024),
    smtpUrl: e.SMTP_URL?.trim() || null,
    smtpFrom: e.SMTP_FROM?.trim() || '河南省中小企业公共服务示范平台申报系统 <noreply@localhost>',
    notifyIntervalSeconds: e.NOTIFY_INTERVAL_SECONDS,
    ...overrides,
  };
}

function s3Settings(e: z.infer<typeof envSchema>): S3Settings {
  const required = {
    S3_ENDPOINT: e.S3_ENDPOINT,
    S3_BUCKET: e.S3_BUCKET,
    S3_ACCESS_KEY_ID: e.S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: e.S3_SECRET_ACCESS_KEY,
  };
  const missing = Object.entries(required)
    .filter(([, value]) => !value?.trim())
    .map(([name]) => name);
  if (missing.length) {
    throw new Error(
      `Invalid environment:\n${missing.join(', ')}: STORAGE=s3 时必须设置对象存储的 ${missing.join('、')}（见 README「Deploying」） / required when STORAGE=s3`,
    );
  }
  return {
    endpoint: e.S3_ENDPOINT!.trim(),
    region: e.S3_REGION,
    bucket: e.S3_BUCKET!.trim(),
    accessKeyId: e.S3_ACCESS_KEY_ID!.trim(),
    secretAccessKey: e.S3_SECRET_ACCESS_KEY!.trim(),
    forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
  };
}

function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  if (value === undefined || value.trim() === '') return false;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}
