import { Tag } from 'antd';
import { packageStates, type PackageState } from '#contract';
import { formatDateTime } from '../common/format';

/** One colour per package state, the same on the board, the tiles and the package page. */
export const PACKAGE_STATE_COLORS: Record<PackageState, { tag: string; fill: string; text: string }> = {
  not_started: { tag: 'default', fill: '#eef0f3', text: '#5b6677' },
  in_progress: { tag: 'blue', fill: '#d6e6fb', text: '#1f4e8c' },
  submitted: { tag: 'green', fill: '#389e0d', text: '#ffffff' },
  returned: { tag: 'orange', fill: '#fa8c16', text: '#ffffff' },
  late_missing: { tag: 'red', fill: '#cf1322', text: '#ffffff' },
};

export function PackageStateTag({ state }: { state: PackageState }) {
  return (
    <Tag color={PACKAGE_STATE_COLORS[state]?.tag ?? 'default'} data-state={state}>
      {packageStates[state] ?? state}
    </Tag>
  );
}

/** The Beijing day of an instant, as acceptance is dated: 2022年12月12日. */
export const beijingDay = (instant: string): string => formatDateTime(instant).split(' ')[0]!;

/** 省级受理 with its day, beside the package's state (which stays 已报送). */
export function AcceptedTag({ acceptedAt }: { acceptedAt: string }) {
  return (
    <Tag color="cyan" data-testid="accepted-tag">
      已受理 {beijingDay(acceptedAt)}
    </Tag>
  );
}
