import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import type { PrecheckResult } from '#contract';
import { IssueList } from '../eligibility/IssueList';

/** 符合 or 不符合, with every failing rule by code and message. */
export function PrecheckVerdict({ result, stale }: { result: PrecheckResult | null; stale: boolean }) {
  if (!result) {
    return (
      <Card size="small" title="自测结果" className="precheck-verdict">
        <Typography.Paragraph type="secondary">
          填写左侧数据后点击“检查”，系统按本批次通知的条件逐项核对，并列出全部不符合项。自测不保存任何数据。
        </Typography.Paragraph>
      </Card>
    );
  }
  return (
    <Card size="small" title="自测结果" className="precheck-verdict" data-testid="precheck-verdict">
      {result.eligible ? (
        <div className="verdict verdict-eligible">
          <CheckCircleFilled /> 符合
        </div>
      ) : (
        <div className="verdict verdict-ineligible">
          <CloseCircleFilled /> 不符合
        </div>
      )}
      <Typography.Paragraph type="secondary">
        {result.eligible
          ? '所填数据满足本批次全部申报条件。正式申报时还须提交证明材料。'
          : `共 ${result.failures.length} 项不符合：`}
      </Typography.Paragraph>
      {result.failures.length > 0 && <IssueList issues={result.failures} tone="failure" />}
      {stale && <Typography.Text type="warning">数据已修改，请重新检查。</Typography.Text>}
    </Card>
  );
}
