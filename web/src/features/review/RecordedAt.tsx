import { Typography } from 'antd';
import { formatDateTime } from '../common/format';

/** When a record of the review was saved, in its card's corner. */
export function RecordedAt({ at }: { at: string }) {
  return <Typography.Text type="secondary">记录于 {formatDateTime(at)}</Typography.Text>;
}
