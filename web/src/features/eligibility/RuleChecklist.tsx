import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import {
  ruleFailureMessage,
  ruleFields,
  ruleTexts,
  type BatchConfig,
  type FieldError,
  type Issue,
  type RuleCode,
} from '#contract';
import { formatDate, formatWan } from '../common/format';

/** The figures the rules judge, as the applicant has entered them so far. */
export interface EligibilityFigures {
  platformName?: string | null;
  categories?: readonly string[] | null;
  registeredOn?: string | null;
  totalAssetsWan?: number | null;
  serviceStaff?: number | null;
  institutions: number;
  preferentialSharePercent?: number | null;
  enterprisesServedLastYear: number;
  uscc: string;
}

interface RuleLine {
  code: RuleCode;
  requirement: string;
  citation: string;
  value: string | null;
}

const filled = (v: string | null | undefined) => (v ? v : null);
const counted = (v: number | null | undefined, unit: string) => (v === null || v === undefined ? null : `${v}${unit}`);
/** A list's size: no rows yet is still to fill, not a count of zero that fails. */
const listed = (n: number) => (n > 0 ? `${n}家` : null);

/** Each rule's requirement (the panel cites the notice once, above the list) and the applicant's figure. */
function ruleLines(config: BatchConfig, f: EligibilityFigures): RuleLine[] {
  const texts = ruleTexts(config);
  const line = (code: RuleCode, value: string | null): RuleLine => ({
    code,
    requirement: texts[code].requirement,
    citation: texts[code].citation,
    value,
  });
  return [
    line('NAME_FORBIDDEN_WORD', filled(f.platformName)),
    line('CATEGORY_MISSING', f.categories && f.categories.length > 0 ? f.categories.join('、') : null),
    line('REGISTRATION_TOO_RECENT', f.registeredOn ? formatDate(f.registeredOn) : null),
    line(
      'ASSETS_BELOW_MIN',
      f.totalAssetsWan === null || f.totalAssetsWan === undefined ? null : formatWan(f.totalAssetsWan),
    ),
    line('STAFF_BELOW_MIN', counted(f.serviceStaff, '人')),
    line('INSTITUTIONS_BELOW_MIN', listed(f.institutions)),
    line('PREFERENTIAL_SHARE_BELOW_MIN', counted(f.preferentialSharePercent, '%')),
    line('ENTERPRISES_SERVED_BELOW_MIN', listed(f.enterprisesServedLastYear)),
    line('USCC_INVALID', filled(f.uscc)),
  ];
}

/** The server's failures but those of rules whose figure is not filled in yet: those are 待填写, not failures. */
export function failuresOfFilled(
  config: BatchConfig,
  figures: EligibilityFigures,
  failures: readonly Issue[],
): Issue[] {
  const unfilled = new Set<string>(
    ruleLines(config, figures)
      .filter((line) => line.value === null)
      .map((line) => line.code),
  );
  return failures.filter((f) => !unfilled.has(f.code));
}

/**
 * How a rule stands: `refused` when the server did not take the value typed (it is not saved), `failed` when
 * a filled-in value breaks the rule, `unknown` (待填写) while nothing is filled in, else `passed`.
 */
export type RuleState = 'refused' | 'failed' | 'unknown' | 'passed';

export interface JudgedRule extends RuleLine {
  state: RuleState;
  /** The server's words for a refused value or a failed rule. */
  message: string | null;
}

/**
 * Every rule with its state, judged from the server's answers only. A failure that restates the line's own
 * requirement is not written out twice: it says 不符合 and cites the notice.
 */
export function judgeRules(
  config: BatchConfig,
  figures: EligibilityFigures,
  failures: readonly Issue[],
  refused: readonly FieldError[],
): JudgedRule[] {
  return ruleLines(config, figures).map((line) => {
    const refusal = refused.find((r) => r.field === ruleFields[line.code]);
    if (refusal) return { ...line, state: 'refused', message: `未保存：${refusal.message}` };
    if (line.value === null) return { ...line, state: 'unknown', message: null };
    const failure = failures.find((f) => f.code === line.code);
    if (!failure) return { ...line, state: 'passed', message: null };
    const restated = failure.message === ruleFailureMessage(line.code, config);
    return { ...line, state: 'failed', message: restated ? `不符合（${line.citation}）` : failure.message };
  });
}

function LineIcon({ state }: { state: RuleState }) {
  if (state === 'failed' || state === 'refused') return <CloseCircleFilled className="rule-icon rule-icon-failed" />;
  if (state === 'unknown') return <MinusCircleOutlined className="rule-icon rule-icon-unknown" />;
  return <CheckCircleFilled className="rule-icon rule-icon-passed" />;
}

interface RuleChecklistProps {
  rules: readonly JudgedRule[];
  onSelect: (field: string) => void;
}

/** Every rule of the notice with the applicant's figure: passed, failed or refused (with the server's words), or 待填写. */
export function RuleChecklist({ rules, onSelect }: RuleChecklistProps) {
  return (
    <ul className="rule-checklist">
      {rules.map((line) => {
        const bad = line.state === 'failed' || line.state === 'refused';
        return (
          <li key={line.code} data-code={line.code} data-state={line.state}>
            <button type="button" className="rule-line" onClick={() => onSelect(ruleFields[line.code])}>
              <LineIcon state={line.state} />
              <span className="rule-requirement">{line.requirement}</span>
              <Typography.Text type={bad ? 'danger' : 'secondary'} className="rule-value" ellipsis>
                {line.value ?? '待填写'}
              </Typography.Text>
            </button>
            {bad && line.message && (
              <div className="rule-failure">
                <Typography.Text type="danger">{line.message}</Typography.Text>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
