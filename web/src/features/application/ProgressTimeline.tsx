import { Steps, type StepsProps } from 'antd';
import type { ApplicationProgress, ProgressStep } from '#contract';
import { formatDateTime } from '../common/format';
import './progress.css';

const statusOf: Record<ProgressStep['state'], NonNullable<StepsProps['status']>> = {
  done: 'finish',
  current: 'process',
  pending: 'wait',
  failed: 'error',
  skipped: 'wait',
};

/** An instant's date in Beijing time, for the steps: 2022年12月9日. */
const beijingDate = (instant: string) => formatDateTime(instant).split(' ')[0];

/** The application's way: 提交 → 市级审核 → 退回/推荐/不予推荐 → 报送省厅 → 省级受理, each with its date. */
export function ProgressTimeline({ progress }: { progress: ApplicationProgress }) {
  const items: StepsProps['items'] = progress.steps.map((s) => ({
    key: s.key,
    title: s.label,
    status: statusOf[s.state],
    subTitle: s.at ? beijingDate(s.at) : undefined,
    description: s.state === 'skipped' ? '—' : (s.note ?? undefined),
  }));
  return (
    <section className="progress-timeline" aria-label="办理进度" data-testid="progress-timeline">
      <Steps size="small" items={items} responsive />
    </section>
  );
}
