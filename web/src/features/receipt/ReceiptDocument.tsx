import { Alert, Descriptions, Table, Tag, Typography } from 'antd';
import type { EvidenceFileView, ReceiptView } from '#contract';
import { formatBytes } from '../common/format';

interface ReceiptDocumentProps {
  receipt: ReceiptView;
  evidenceLabel: (type: string) => string;
  demo: boolean;
}

/** The file's digests; `inline` under its name, shown on a phone's screen only. */
function Digests({ file, inline = false }: { file: EvidenceFileView; inline?: boolean }) {
  return (
    <div className={inline ? 'receipt-digests receipt-digests-inline' : 'receipt-digests'}>
      <div>
        <span className="digest-name">SHA-256</span>
        <span className="mono-wrap">{file.sha256 ?? '—'}</span>
      </div>
      <div>
        <span className="digest-name">SM3</span>
        <span className="mono-wrap">{file.sm3 ?? '—'}</span>
      </div>
    </div>
  );
}

/**
 * 申报回执: what was submitted, when, and the digests of every file, as printed on A4. On a phone's screen
 * (app.css) the digests show under the file's name instead of in a column of their own, which would leave a few
 * characters a line; print always has the column.
 */
export function ReceiptDocument({ receipt, evidenceLabel, demo }: ReceiptDocumentProps) {
  return (
    <article className="receipt-document">
      <header className="receipt-header">
        <Typography.Text className="receipt-batch">{receipt.batchTitle}</Typography.Text>
        <h1 className="receipt-title">申报回执</h1>
        {demo && <div className="receipt-demo">演示环境 · 非正式回执</div>}
        <div className="receipt-no">
          回执编号：
          <span className="mono" data-testid="receipt-no">
            {receipt.receiptNo}
          </span>
        </div>
      </header>
      <Descriptions
        bordered
        size="small"
        column={1}
        className="receipt-facts"
        items={[
          { key: 'unit', label: '运营单位名称', children: receipt.unitName },
          { key: 'uscc', label: '统一社会信用代码', children: <span className="mono">{receipt.uscc}</span> },
          { key: 'platform', label: '平台名称', children: receipt.platformName },
          { key: 'authority', label: '受理单位', children: `${receipt.authorityName}中小企业主管部门` },
          { key: 'submittedAt', label: '提交时间', children: receipt.submittedAtText },
          { key: 'version', label: '申报版本', children: `第 ${receipt.version} 版` },
          {
            key: 'counts',
            label: '名单',
            children: `集聚服务机构 ${receipt.institutionsCount} 家；上年度服务企业 ${receipt.rosterCount} 家`,
          },
        ]}
      />
      <h2 className="receipt-section">提交的材料（共 {receipt.files.length} 个文件）</h2>
      {receipt.digestCorrection && (
        <Alert
          className="receipt-correction"
          type="warning"
          showIcon
          title="摘要已更正"
          description={receipt.digestCorrection.note}
          data-testid="digest-correction"
        />
      )}
      <Table<EvidenceFileView>
        className="receipt-files"
        size="small"
        bordered
        rowKey="id"
        dataSource={receipt.files}
        pagination={false}
        columns={[
          { title: '序号', width: 48, render: (_v, _f, index) => index + 1 },
          {
            title: '材料',
            render: (_v, file) => (
              <>
                <div className="receipt-file-type">{evidenceLabel(file.evidenceType)}</div>
                <div>{file.originalName}</div>
                <div className="receipt-file-size">{formatBytes(file.sizeBytes)}</div>
                {receipt.digestCorrection?.fileIds.includes(file.id) && <Tag color="orange">摘要已更正</Tag>}
                <Digests file={file} inline />
              </>
            ),
          },
          {
            title: '摘要（SHA-256 / SM3）',
            className: 'receipt-digest-column',
            render: (_v, file) => <Digests file={file} />,
          },
        ]}
      />
      <footer className="receipt-footer">
        <p>本回执由系统在提交时自动生成。材料摘要可用于核对报送的纸质版和电子版材料与在线提交的一致。</p>
        <p>申报材料须经所在市中小企业主管部门审核推荐，本回执不代表审核结果。</p>
      </footer>
    </article>
  );
}
