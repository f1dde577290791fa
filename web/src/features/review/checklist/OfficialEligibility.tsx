import { Alert } from 'antd';
import type { ReviewView } from '#contract';
import { IssueList } from '../../eligibility/IssueList';

/** The rules judged on the official figures: the claimed ones, or the corrected ones where the city corrected them. */
export function OfficialEligibility({ view }: { view: ReviewView }) {
  const { eligible, failures } = view.officialEligibility;
  const corrected = view.items.some(
    (i) => i.finding?.correctedValue !== null && i.finding?.correctedValue !== undefined,
  );
  const basis = corrected ? '按核定值重新核对' : '按申报数据核对';
  if (eligible)
    return <Alert type="success" showIcon className="official-eligibility" title={`${basis}：符合申报条件`} />;
  return (
    <Alert
      type="error"
      showIcon
      className="official-eligibility"
      title={`${basis}：${failures.length} 项不符合申报条件`}
      description={<IssueList issues={failures} tone="failure" />}
    />
  );
}
