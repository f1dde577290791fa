import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import { ruleFields, type BatchConfig, type Issue, type RuleCode } from '#contract';
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
  value: string | null;
}

const filled = (v: string | null | undefined) => (v ? v : null);
const counted = (v: number | null | undefined, unit: string) => (v === null || v === undefined ? null : `${v}${unit}`);

function ruleLines(config: BatchConfig, f: EligibilityFigures): RuleLine[] {
  const r = config.rules;
  return [
    { code: 'NAME_FORBIDDEN_WORD', requirement: `平台名称不含“${r.forbiddenWord}”`, value: filled(f.platformName) },
    {
      code: 'CATEGORY_MISSING',
      requirement: '至少一项平台类别',
      value: f.categories && f.categories.length > 0 ? f.categories.join('、') : null,
    },
    {
      code: 'REGISTRATION_TOO_RECENT',
      requirement: `注册登记满${r.minRegistrationYears}年（截至${formatDate(config.referenceDate)}）`,
      value: f.registeredOn ? formatDate(f.registeredOn) : null,
    },
    {
      code: 'ASSETS_BELOW_MIN',
      requirement: `上年末资产总额不低于${r.minAssetsWan}万元`,
      value: f.totalAssetsWan === null || f.totalAssetsWan === undefined ? null : formatWan(f.totalAssetsWan),
    },
    {
      code: 'STAFF_BELOW_MIN',
      requirement: `服务人员不少于${r.minServiceStaff}人`,
      value: counted(f.serviceStaff, '人'),
    },
    {
      code: 'INSTITUTIONS_BELOW_MIN',
      requirement: `集聚服务机构${r.minInstitutions}家以上`,
      value: `${f.institutions}家`,
    },
    {
      code: 'PREFERENTIAL_SHARE_BELOW_MIN',
      requirement: `优惠服务占比不低于${r.minPreferentialSharePercent}%`,
      value: counted(f.preferentialSharePercent, '%'),
    },
    {
      code: 'ENTERPRISES_SERVED_BELOW_MIN',
      requirement: `年服务企业数不低于${r.minEnterprisesServed}家`,
      value: `${f.enterprisesServedLastYear}家`,
    },
    { code: 'USCC_INVALID', requirement: '统一社会信用代码校验正确', value: filled(f.uscc) },
  ];
}

function LineIcon({ failed, known }: { failed: boolean; known: boolean }) {
  if (failed) return <CloseCircleFilled className="rule-icon rule-icon-failed" />;
  if (!known) return <MinusCircleOutlined className="rule-icon rule-icon-unknown" />;
  return <CheckCircleFilled className="rule-icon rule-icon-passed" />;
}

interface RuleChecklistProps {
  config: BatchConfig;
  figures: EligibilityFigures;
  failures: readonly Issue[];
  onSelect: (field: string) => void;
}

/** Every rule of the notice with the applicant's figure: passed, failed (with the server's message) or not yet entered. */
export function RuleChecklist({ config, figures, failures, onSelect }: RuleChecklistProps) {
  return (
    <ul className="rule-checklist">
      {ruleLines(config, figures).map((line) => {
        const failure = failures.find((f) => f.code === line.code);
        return (
          <li key={line.code} data-code={line.code} data-state={failure ? 'failed' : line.value ? 'passed' : 'unknown'}>
            <button type="button" className="rule-line" onClick={() => onSelect(ruleFields[line.code])}>
              <LineIcon failed={Boolean(failure)} known={line.value !== null} />
              <span className="rule-requirement">{line.requirement}</span>
              <Typography.Text type={failure ? 'danger' : 'secondary'} className="rule-value" ellipsis>
                {line.value ?? '待填写'}
              </Typography.Text>
            </button>
            {failure && (
              <div className="rule-failure">
                <Tag color="red">{failure.code}</Tag>
                <Typography.Text type="danger">{failure.message}</Typography.Text>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
