import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Space, Typography } from 'antd';
import { useState } from 'react';
import { formatLocalDateTime } from '../common/format';

/** The codes as a text file, named after the account. */
function download(username: string, codes: string[]): void {
  const text = [
    '河南省中小企业公共服务示范平台申报系统 — 动态口令恢复码',
    `账号：${username}`,
    `生成时间：${formatLocalDateTime(new Date())}（北京时间）`,
    '每个恢复码只能使用一次；手机不在身边时，可在登录的第二步用它代替动态口令。',
    '',
    ...codes,
    '',
  ].join('\r\n');
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `恢复码-${username}.txt`;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * Recovery codes, shown this once (only their hashes are kept): download, print, and a confirmation that
 * they were put away before the page moves on.
 */
export function RecoveryCodes({ username, codes, onDone }: { username: string; codes: string[]; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  return (
    <Card className="form-card recovery-codes-card" title="恢复码（只显示这一次）">
      <Alert
        type="warning"
        showIcon
        className="form-alert"
        title="请立即下载或打印，并妥善保管"
        description="手机丢失或不在身边时，可在登录时用恢复码代替动态口令，每个只能使用一次。系统只保存恢复码的摘要，离开本页后无法再次查看；如遗失，可在本页用动态口令重新生成。"
      />
      <ol className="recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <Typography.Text code>{code}</Typography.Text>
          </li>
        ))}
      </ol>
      <Space wrap className="recovery-codes-actions">
        <Button icon={<DownloadOutlined />} onClick={() => download(username, codes)}>
          下载
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
      </Space>
      <div className="recovery-codes-done">
        <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)}>
          我已妥善保存这些恢复码
        </Checkbox>
        <Button type="primary" disabled={!saved} onClick={onDone}>
          完成
        </Button>
      </div>
    </Card>
  );
}
