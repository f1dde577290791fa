import { Progress, Typography } from 'antd';
import type { UploadState } from './useUploadTask';

export function UploadProgressLine({ state }: { state: UploadState }) {
  return (
    <div className="upload-progress">
      <Typography.Text ellipsis className="upload-progress-name">
        正在上传：{state.fileName}
      </Typography.Text>
      <Progress percent={state.percent} size="small" status="active" aria-label={`上传进度：${state.fileName}`} />
    </div>
  );
}
