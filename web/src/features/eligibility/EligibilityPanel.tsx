import { Alert, Card, Divider, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ruleCodes, ruleFields, type BatchConfig, type FieldError, type Issue } from '#contract';
import { IssueList } from './IssueList';
import { judgeRules, RuleChecklist, type EligibilityFigures } from './RuleChecklist';

interface EligibilityPanelProps {
  config: BatchConfig;
  figures: EligibilityFigures;
  failures: readonly Issue[];
  incomplete: readonly Issue[];
  /** Values the server refused to save (400): they are not in the application, whatever the form shows. */
  refused: readonly FieldError[];
  /** The autosave state, shown in the card's corner. */
  saveStatus: ReactNode;
  /** Whether the applicant can still submit (a draft or a returned application). */
  submittable: boolean;
  onSelectField: (field: string) => void;
}

interface Counts {
  failed: number;
  refused: number;
  unfilled: number;
  incomplete: number;
}

function Verdict({ counts, submittable }: { counts: Counts; submittable: boolean }) {
  if (counts.failed > 0) return <Alert type="error" showIcon title={`不符合申报条件：${counts.failed} 项`} />;
  if (counts.refused > 0) return <Alert type="error" showIcon title={`${counts.refused} 项填写有误，未能保存`} />;
  if (counts.unfilled > 0) {
    return <Alert type="info" showIcon title={`待填写：尚有 ${counts.unfilled} 项申报条件未填写`} />;
  }
  if (counts.incomplete > 0) {
    return <Alert type="warning" showIcon title={`申报条件已满足，尚有 ${counts.incomplete} 项待补充`} />;
  }
  return (
    <Alert
      type="success"
      showIcon
      title={submittable ? '符合申报条件，材料齐全，可以提交' : '符合申报条件，材料齐全'}
    />
  );
}

const ruleFieldNames: readonly string[] = Object.values(ruleFields);

/**
 * The live result beside the form, as the server answered after the last autosave: a rule fails only once
 * its figure is filled in; what is not filled in yet is 待填写.
 */
export function EligibilityPanel({
  config,
  figures,
  failures,
  incomplete,
  refused,
  saveStatus,
  submittable,
  onSelectField,
}: EligibilityPanelProps) {
  const rules = judgeRules(config, figures, failures, refused);
  const nonRuleFailures = failures.filter((f) => !(ruleCodes as readonly string[]).includes(f.code));
  const refusedElsewhere = refused
    .filter((r) => !ruleFieldNames.includes(r.field))
    .map((r) => ({ code: 'VALUE_REFUSED', field: r.field, message: `未保存：${r.message}` }));
  const otherFailures = [...nonRuleFailures, ...refusedElsewhere];
  const counts: Counts = {
    failed: rules.filter((r) => r.state === 'failed').length + nonRuleFailures.length,
    refused: rules.filter((r) => r.state === 'refused').length + refusedElsewhere.length,
    unfilled: rules.filter((r) => r.state === 'unknown').length,
    incomplete: incomplete.length,
  };
  return (
    <Card className="eligibility-panel" title="申报条件检查" extra={saveStatus} size="small">
      <Verdict counts={counts} submittable={submittable} />
      <Divider titlePlacement="start" plain className="panel-divider">
        申报条件（附件2 注1–3）
      </Divider>
      <RuleChecklist rules={rules} onSelect={onSelectField} />
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
