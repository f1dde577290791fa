import { Alert, Card, Divider, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ruleCodes, type BatchConfig, type Issue } from '#contract';
import { IssueList } from './IssueList';
import { RuleChecklist, type EligibilityFigures } from './RuleChecklist';

interface EligibilityPanelProps {
  config: BatchConfig;
  figures: EligibilityFigures;
  failures: readonly Issue[];
  incomplete: readonly Issue[];
  /** The autosave state, shown in the card's corner. */
  saveStatus: ReactNode;
  /** Whether the applicant can still submit (a draft or a returned application). */
  submittable: boolean;
  onSelectField: (field: string) => void;
}

function Verdict({
  failures,
  incomplete,
  submittable,
}: {
  failures: number;
  incomplete: number;
  submittable: boolean;
}) {
  if (failures > 0) return <Alert type="error" showIcon title={`不符合申报条件：${failures} 项`} />;
  if (incomplete > 0) return <Alert type="warning" showIcon title={`申报条件已满足，尚有 ${incomplete} 项待补充`} />;
  return (
    <Alert
      type="success"
      showIcon
      title={submittable ? '符合申报条件，材料齐全，可以提交' : '符合申报条件，材料齐全'}
    />
  );
}

/** The live result beside the form: the server's verdict after every autosave. */
export function EligibilityPanel({
  config,
  figures,
  failures,
  incomplete,
  saveStatus,
  submittable,
  onSelectField,
}: EligibilityPanelProps) {
  const otherFailures = failures.filter((f) => !(ruleCodes as readonly string[]).includes(f.code));
  return (
    <Card className="eligibility-panel" title="申报条件检查" extra={saveStatus} size="small">
      <Verdict failures={failures.length} incomplete={incomplete.length} submittable={submittable} />
      <Divider titlePlacement="start" plain className="panel-divider">
        申报条件（附件2 注1–3）
      </Divider>
      <RuleChecklist config={config} figures={figures} failures={failures} onSelect={onSelectField} />
      {otherFailures.length > 0 && (
        <IssueList issues={otherFailures} tone="failure" onSelect={(issue) => onSelectField(issue.field)} />
      )}
      {incomplete.length > 0 && (
        <>
          <Divider titlePlacement="start" plain className="panel-divider">
            待补充（{incomplete.length}）
          </Divider>
          <IssueList issues={incomplete} tone="missing" onSelect={(issue) => onSelectField(issue.field)} />
        </>
      )}
      <Typography.Paragraph type="secondary" className="panel-note">
        每次自动保存后由系统按本批次规则重新核对。点击条目可跳转到对应填写处。
      </Typography.Paragraph>
    </Card>
  );
}
