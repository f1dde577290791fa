import { CheckOutlined, ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { formatTimeOfDay } from '../common/format';
import type { AutosaveState } from './useDraftAutosave';

export function AutosaveStatus({ state, onRetry }: { state: AutosaveState; onRetry: () => void }) {
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
        <Typography.Text type="success" className="autosave-status" data-testid="autosave-status">
          <CheckOutlined /> 已自动保存 {state.savedAt ? formatTimeOfDay(state.savedAt) : ''}
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
