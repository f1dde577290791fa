import { Tag } from 'antd';
import { applicationStatuses, type ApplicationStatus } from '#contract';

const STATUS_COLORS: Record<ApplicationStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'orange',
  not_recommended: 'red',
  recommended: 'green',
};

/** An application's status, in the same colour wherever it is shown. */
export function StatusTag({ status }: { status: ApplicationStatus }) {
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-status={status}>
      {applicationStatuses[status] ?? status}
    </Tag>
  );
}
