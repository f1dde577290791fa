import { ClockCircleOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { lastRequestTime } from '../api/client';
import { useSession } from './session';

const WARN_BEFORE_MS = 2 * 60 * 1000;
const TICK_MS = 1000;

function remainingMs(timeoutSeconds: number): number {
  return timeoutSeconds * 1000 - (Date.now() - lastRequestTime());
}

function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? `${minutes}分${seconds}秒` : `${seconds}秒`;
}

/** The server ends a session after a quiet spell; warn two minutes ahead and offer to continue. */
export function IdleWarning({ timeoutSeconds, draftAutosaved }: { timeoutSeconds: number; draftAutosaved: boolean }) {
  const { refresh, expire } = useSession();
  const [remaining, setRemaining] = useState(() => remainingMs(timeoutSeconds));
  const keepAlive = useMutation({
    mutationFn: refresh,
    onError: expire,
    onSettled: () => setRemaining(remainingMs(timeoutSeconds)),
  });

  useEffect(() => {
    const timer = window.setInterval(() => setRemaining(remainingMs(timeoutSeconds)), TICK_MS);
    return () => window.clearInterval(timer);
  }, [timeoutSeconds]);

  useEffect(() => {
    if (remaining <= 0) expire();
  }, [remaining, expire]);

  return (
    <Modal
      open={remaining > 0 && remaining <= WARN_BEFORE_MS}
      title={
        <span>
          <ClockCircleOutlined /> 即将超时
        </span>
      }
      closable={false}
      mask={{ closable: false }}
      footer={
        <Button type="primary" loading={keepAlive.isPending} onClick={() => keepAlive.mutate()}>
          继续
        </Button>
      }
    >
      <Typography.Paragraph>
        您已较长时间未操作，登录将在 <Typography.Text strong>{formatCountdown(remaining)}</Typography.Text> 后失效。
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {draftAutosaved ? '已填写的申报内容均已自动保存。' : ''}点击“继续”保持登录。
      </Typography.Paragraph>
    </Modal>
  );
}
