import { CheckOutlined, ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { formatTimeOfDay } from '../common/format';
import type { AutosaveState } from './useSaveQueue';

interface AutosaveStatusProps {
  state: AutosaveState;
  onRetry: () => void;
  /** Tells the indicators of several autosaves apart in tests. */
  testId?: string;
}

export function AutosaveStatus({ state, onRetry, testId = 'autosave-status' }: AutosaveStatusProps) {
  switch (state.phase) {
    case 'pending':
    case 'saving':
      return (
        <Typography.Text type="secondary" className="autosave-status">
          <LoadingOutlined /> 正在保存…
        </Typography.Text>
      );
    case 'failed':
      return (
        <Space size={4} className="autosave-status">
          <Typography.Text type="danger">
            <ExclamationCircleOutlined /> 保存失败：{state.error}
          </Typography.Text>
          <Button size="small" type="link" onClick={onRetry}>
            重试
          </Button>
        </Space>
      );
    case 'saved':
      return (
        <Typography.Text type="success" className="autosave-status" data-testid={testId}>
          <CheckOutlined /> 已自动保存 {state.savedAt ? formatTimeOfDay(state.savedAt) : ''}
        </Typography.Text>
      );
    case 'incomplete':
      return (
        <Typography.Text type="warning" className="autosave-status" data-testid={testId}>
          <ExclamationCircleOutlined /> 有未填写完整的行，填写完整后自动保存
        </Typography.Text>
      );
    case 'idle':
      return (
        <Typography.Text type="secondary" className="autosave-status">
          修改后自动保存
        </Typography.Text>
      );
  }
}
