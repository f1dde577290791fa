import { DownloadOutlined, FileZipOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { queries } from '../../app/queries';
import { formatBytes } from '../common/format';
import { refusalOf } from '../common/refusal';
import { RefusalAlert } from '../common/RefusalAlert';
import { discFor } from './disc';

/** Generated documents are 10–60 KB each (a PDF embeds its font subset); counted at the high end. */
const GENERATED_BYTES_EACH = 64 * 1024;

interface ArchiveDownloadProps {
  label: string;
  /** The zip's URL. */
  href: string;
  /** Whose package: a city's authority, or null for the province's archive of every city. */
  authorityCode: string | null;
  /** The batch the package belongs to. */
  batch: string;
}

/**
 * The 刻盘 package's download: a check first (materials complete, digests computed, files present), then
 * what it holds, its size and the disc it fits, and how to burn and verify it; a refusal is shown here in
 * words instead of being saved as a broken download.
 */
export function ArchiveDownload({ label, href, authorityCode, batch }: ArchiveDownloadProps) {
  const [open, setOpen] = useState(false);
  const check = useQuery({ ...queries.archive(authorityCode, batch), enabled: open });
  const busy = check.isFetching;
  const info = busy ? null : (check.data ?? null);
  const refusal = !busy && check.error ? refusalOf(check.error) : null;
  const approx = info ? info.storedBytes + info.generatedDocuments * GENERATED_BYTES_EACH : 0;
  return (
    <>
      <Button size="small" type="primary" ghost icon={<FileZipOutlined />} loading={busy} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        open={open}
        title={label}
        onCancel={() => setOpen(false)}
        footer={
          <Space>
            <Button onClick={() => setOpen(false)}>关闭</Button>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              href={href}
              disabled={!info}
              onClick={() => setOpen(false)}
              data-testid="archive-download"
            >
              下载 zip
            </Button>
          </Space>
        }
      >
        {busy && <Typography.Text type="secondary">正在检查材料是否齐全…</Typography.Text>}
        {refusal && <RefusalAlert refusal={refusal} />}
        {info && (
          <Space orientation="vertical" size="middle" className="full-width" data-testid="archive-info">
            <Descriptions
              size="small"
              bordered
              column={1}
              items={[
                ...(info.cities > 1 ? [{ key: 'cities', label: '城市', children: `${info.cities} 个` }] : []),
                { key: 'platforms', label: '推荐平台', children: `${info.platforms} 个` },
                {
                  key: 'stored',
                  label: '申报材料与盖章扫描件',
                  children: `${info.storedFiles} 个文件，${formatBytes(info.storedBytes)}`,
                },
                {
                  key: 'generated',
                  label: '生成的文书',
                  children: `${info.generatedDocuments} 份（推荐文件、汇总表、申报书、推荐表、真实性说明，Word/Excel 与 PDF 各一；SM3SUMS.txt 校验清单）`,
                },
                { key: 'size', label: '压缩包大小', children: `约 ${formatBytes(approx)}，${discFor(approx)}` },
              ]}
            />
            <Alert
              type="info"
              showIcon
              title="刻盘方法"
              description="下载后解压，把解压出的全部文件（含 index.html 和 manifest.json）刻录到光盘。收到光盘后打开其中的 index.html，选择光盘目录，即可离线逐一校验每个文件的 SHA-256 与 SM3。"
            />
          </Space>
        )}
      </Modal>
    </>
  );
}
