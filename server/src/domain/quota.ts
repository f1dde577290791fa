import type { BatchConfig } from '#contract';

/** 第（二）条: each city recommends at most its quota (3; 郑州 5, 航空港区 included). */
export function quotaLimit(config: BatchConfig, authorityCode: string): number {
  return config.quota.byAuthority[authorityCode] ?? config.quota.default;
}
