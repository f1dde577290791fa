import { EyeOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Input,
  InputNumber,
  Radio,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import {
  verdicts,
  type ApplicationView,
  type BatchConfig,
  type EvidenceFileView,
  type FindingInput,
  type ReviewItemView,
  type ReviewView,
  type Verdict,
} from '#contract';
import { reviewApi } from '../../api/endpoints';
import { formatDate, formatDateTime, formatWan } from '../common/format';
import { IssueList } from '../eligibility/IssueList';
import { EvidenceViewer } from './EvidenceViewer';
import { evidenceFileIdOf, refusalOf, ruleCodeOf, VERDICT_COLORS } from './reviewLabels';

/** Where the official looks to check a rule: the evidence type that proves the figure. */
const RULE_EVIDENCE: Record<string, string> = {
  NAME_FORBIDDEN_WORD: 'application_report',
  CATEGORY_MISSING: 'application_report',
  REGISTRATION_TOO_RECENT: 'business_license',
  USCC_INVALID: 'business_license',
  ASSETS_BELOW_MIN: 'assets_report',
  STAFF_BELOW_MIN: 'staff_list',
  INSTITUTIONS_BELOW_MIN: 'institution_agreement',
  PREFERENTIAL_SHARE_BELOW_MIN: 'fee_policy',
  ENTERPRISES_SERVED_BELOW_MIN: 'roster',
};

const UNITS: Record<string, string> = {
  STAFF_BELOW_MIN: ' 人',
  INSTITUTIONS_BELOW_MIN: ' 家',
  ENTERPRISES_SERVED_BELOW_MIN: ' 家',
  PREFERENTIAL_SHARE_BELOW_MIN: '%',
};

function formatFigure(code: string | null, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (code === 'REGISTRATION_TOO_RECENT' && typeof value === 'string') return formatDate(value);
  if (code === 'ASSETS_BELOW_MIN' && typeof value === 'number') return formatWan(value);
  if (Array.isArray(value)) return value.join('、');
  return `${value}${(code && UNITS[code]) ?? ''}`;
}

const verdictOptions = (Object.keys(verdicts) as Verdict[]).map((v) => ({ value: v, label: verdicts[v] }));

interface FindingRowProps {
  applicationId: string;
  item: ReviewItemView;
  editable: boolean;
  selected: boolean;
  /** Files to open beside this item (the file itself, or the evidence behind a rule). */
  files: EvidenceFileView[];
  onOpenFile: (itemKey: string, file: EvidenceFileView) => void;
  onView: (view: ReviewView) => void;
}

/** One checklist line: the claim, the verdict (saved on click), the remark and, for figures, the corrected value. */
function FindingRow({ applicationId, item, editable, selected, files, onOpenFile, onView }: FindingRowProps) {
  const { message } = App.useApp();
  const code = ruleCodeOf(item.itemKey);
  const saved = item.finding;
  const [remark, setRemark] = useState(saved?.remark ?? '');
  const [corrected, setCorrected] = useState<string | number | null>(saved?.correctedValue ?? null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setRemark(saved?.remark ?? '');
    setCorrected(saved?.correctedValue ?? null);
  }, [saved?.updatedAt, saved?.remark, saved?.correctedValue]);

  const dirty = remark !== (saved?.remark ?? '') || corrected !== (saved?.correctedValue ?? null);

  const save = async (verdict: Verdict) => {
    const input: FindingInput = { verdict, remark: remark.trim() };
    if (item.correctable) input.correctedValue = corrected;
    setSaving(true);
    try {
      onView(await reviewApi.saveFinding(applicationId, item.itemKey, input));
    } catch (error) {
      const refusal = refusalOf(error);
      message.error(`${item.label}：${refusal.title}${refusal.message ? `（${refusal.message}）` : ''}`);
    } finally {
      setSaving(false);
    }
  };

  const dateValued = code === 'REGISTRATION_TOO_RECENT';
  const correctionChanged = saved?.correctedValue !== null && saved?.correctedValue !== undefined;
  return (
    <div
      className={`finding-row${selected ? ' finding-row-selected' : ''}`}
      data-item-key={item.itemKey}
      data-verdict={saved?.verdict ?? 'none'}
    >
      <div className="finding-head">
        <div className="finding-label">
          <Typography.Text strong>
            {item.kind === 'evidence' ? String(item.claimed ?? item.label) : item.label}
          </Typography.Text>
          {item.kind === 'rule' && (
            <Typography.Text type="secondary" className="finding-claimed">
              申报：{formatFigure(code, item.claimed)}
            </Typography.Text>
          )}
          {correctionChanged && (
            <Tag color="purple" className="finding-corrected-tag">
              核定：{formatFigure(code, saved?.correctedValue)}
            </Tag>
          )}
        </div>
        {editable ? (
          <Radio.Group
            className="finding-verdict"
            optionType="button"
            buttonStyle="solid"
            size="small"
            options={verdictOptions}
            value={saved?.verdict ?? null}
            disabled={saving}
            onChange={(e) => void save(e.target.value as Verdict)}
            aria-label={`${item.label}审核结论`}
          />
        ) : saved ? (
          <Tag color={VERDICT_COLORS[saved.verdict]} className="finding-verdict-tag">
            {verdicts[saved.verdict]}
          </Tag>
        ) : (
          <Tag className="finding-verdict-tag">未审核</Tag>
        )}
      </div>
      <div className="finding-body">
        {item.correctable && editable && (
          <Space size={6} className="finding-correction" wrap>
            <Typography.Text type="secondary">核定值</Typography.Text>
            {dateValued ? (
              <DatePicker
                size="small"
                format="YYYY年M月D日"
                value={typeof corrected === 'string' ? dayjs(corrected) : null}
                onChange={(d) => setCorrected(d ? d.format('YYYY-MM-DD') : null)}
                disabled={!editable}
                aria-label={`${item.label}核定值`}
              />
            ) : (
              <InputNumber
                size="small"
                min={0}
                value={typeof corrected === 'number' ? corrected : null}
                onChange={(v) => setCorrected(typeof v === 'number' ? v : null)}
                disabled={!editable}
                suffix={code ? UNITS[code]?.trim() || (code === 'ASSETS_BELOW_MIN' ? '万元' : undefined) : undefined}
                aria-label={`${item.label}核定值`}
                className="finding-correction-input"
              />
            )}
            <Typography.Text type="secondary" className="finding-hint">
              与申报不符时填写，系统按核定值重新核对条件
            </Typography.Text>
          </Space>
        )}
        {editable ? (
          <Input.TextArea
            className="finding-remark"
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={1000}
            placeholder="审核意见（不符合或存疑时请写明原因）"
            value={remark}
            onChange={(e) => setRemark(e.target.value)}
            aria-label={`${item.label}审核意见`}
          />
        ) : (
          saved?.remark && <Typography.Paragraph className="finding-remark-text">{saved.remark}</Typography.Paragraph>
        )}
        <div className="finding-foot">
          <Space size={4} wrap>
            {files.map((file) => (
              <Button
                key={file.id}
                size="small"
                type={selected ? 'primary' : 'default'}
                ghost={selected}
                icon={<EyeOutlined />}
                onClick={() => onOpenFile(item.itemKey, file)}
                className="finding-open"
              >
                {files.length > 1 || item.kind === 'rule' ? file.originalName : '查看材料'}
              </Button>
            ))}
          </Space>
          <Space size={8}>
            {saved && (
              <Typography.Text type="secondary" className="finding-saved">
                {saved.updatedBy} · {formatDateTime(saved.updatedAt)}
              </Typography.Text>
            )}
            {editable && dirty && (
              <Button
                size="small"
                type="primary"
                icon={<SaveOutlined />}
                loading={saving}
                disabled={!saved}
                title={saved ? undefined : '请先选择审核结论'}
                onClick={() => saved && void save(saved.verdict)}
              >
                {saved ? '保存意见' : '先选结论'}
              </Button>
            )}
          </Space>
        </div>
      </div>
    </div>
  );
}

function Tally({ items }: { items: ReviewItemView[] }) {
  const count = (v: Verdict) => items.filter((i) => i.finding?.verdict === v).length;
  const done = items.filter((i) => i.finding).length;
  return (
    <Space size={6} wrap className="finding-tally" data-testid="finding-tally">
      <Typography.Text>
        已审核 <strong>{done}</strong> / {items.length} 项
      </Typography.Text>
      <Tag color={VERDICT_COLORS.pass}>符合 {count('pass')}</Tag>
      <Tag color={VERDICT_COLORS.fail}>不符合 {count('fail')}</Tag>
      <Tag color={VERDICT_COLORS.doubt}>存疑 {count('doubt')}</Tag>
    </Space>
  );
}

function OfficialEligibility({ view }: { view: ReviewView }) {
  const { eligible, failures } = view.officialEligibility;
  const corrected = view.items.some(
    (i) => i.finding?.correctedValue !== null && i.finding?.correctedValue !== undefined,
  );
  const basis = corrected ? '按核定值重新核对' : '按申报数据核对';
  if (eligible)
    return <Alert type="success" showIcon className="official-eligibility" title={`${basis}：符合申报条件`} />;
  return (
    <Alert
      type="error"
      showIcon
      className="official-eligibility"
      title={`${basis}：${failures.length} 项不符合申报条件`}
      description={<IssueList issues={failures} tone="failure" />}
    />
  );
}

interface ReviewChecklistProps {
  view: ReviewView;
  application: ApplicationView;
  config: BatchConfig | undefined;
  editable: boolean;
  onView: (view: ReviewView) => void;
}

/** 逐项审核: a finding per eligibility rule and per evidence file, with the file open beside it. */
export function ReviewChecklist({ view, application, config, editable, onView }: ReviewChecklistProps) {
  const [opened, setOpened] = useState<{ itemKey: string; fileId: string } | null>(null);
  const filesById = useMemo(() => new Map(application.evidence.map((f) => [f.id, f])), [application.evidence]);
  const typeLabel = (key: string) => config?.evidenceTypes.find((t) => t.key === key)?.label ?? key;

  const filesFor = (item: ReviewItemView): EvidenceFileView[] => {
    const fileId = evidenceFileIdOf(item.itemKey);
    if (fileId) return filesById.has(fileId) ? [filesById.get(fileId)!] : [];
    const type = RULE_EVIDENCE[ruleCodeOf(item.itemKey) ?? ''];
    return type ? application.evidence.filter((f) => f.evidenceType === type).slice(0, 3) : [];
  };

  const rules = view.items.filter((i) => i.kind === 'rule');
  const evidence = view.items.filter((i) => i.kind === 'evidence');
  const evidenceGroups = useMemo(() => {
    const groups = new Map<string, ReviewItemView[]>();
    view.items
      .filter((i) => i.kind === 'evidence')
      .forEach((item) => {
        const type = filesById.get(evidenceFileIdOf(item.itemKey) ?? '')?.evidenceType ?? 'other';
        groups.set(type, [...(groups.get(type) ?? []), item]);
      });
    const order = config?.evidenceTypes.map((t) => t.key) ?? [];
    const rank = (type: string) => (order.includes(type) ? order.indexOf(type) : order.length);
    return [...groups].map(([type, items]) => ({ type, items })).sort((a, b) => rank(a.type) - rank(b.type));
  }, [view.items, filesById, config]);
  const openedFile = opened ? (filesById.get(opened.fileId) ?? null) : null;

  const row = (item: ReviewItemView) => (
    <FindingRow
      key={item.itemKey}
      applicationId={view.applicationId}
      item={item}
      editable={editable}
      selected={opened?.itemKey === item.itemKey}
      files={filesFor(item)}
      onOpenFile={(itemKey, file) => setOpened({ itemKey, fileId: file.id })}
      onView={onView}
    />
  );

  return (
    <Row gutter={16} className="review-checklist">
      <Col xs={24} xl={13}>
        <OfficialEligibility view={view} />
        <Tally items={view.items} />
        <Card size="small" title="申报条件（附件2 注1–3）" className="finding-card">
          {rules.map(row)}
        </Card>
        <Card size="small" title={`证明材料（${evidence.length} 个文件）`} className="finding-card">
          {evidence.length === 0 && <Typography.Text type="secondary">无证明材料</Typography.Text>}
          {evidenceGroups.map((group) => (
            <section key={group.type} className="finding-group" data-evidence-type={group.type}>
              <div className="finding-group-label">{typeLabel(group.type)}</div>
              {group.items.map(row)}
            </section>
          ))}
        </Card>
      </Col>
      <Col xs={24} xl={11}>
        <div className="viewer-column">
          <EvidenceViewer
            applicationId={view.applicationId}
            file={openedFile}
            caption={openedFile ? typeLabel(openedFile.evidenceType) : null}
          />
        </div>
      </Col>
    </Row>
  );
}
