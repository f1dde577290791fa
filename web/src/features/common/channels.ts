import { channels, type BatchConfig, type Channel } from '#contract';

/** 市推荐名额 / 特定区域：濮阳市 / 工信部认定实验室 */
export function channelText(channel: Channel | string | null | undefined, areaName?: string | null): string {
  if (!channel) return '—';
  const label = (channels as Record<string, string>)[channel] ?? channel;
  return areaName ? `${label}：${areaName}` : label;
}

export function areaName(config: BatchConfig | undefined, areaId: string | null | undefined): string | null {
  if (!areaId) return null;
  return config?.designatedAreas.find((a) => a.id === areaId)?.name ?? areaId;
}
