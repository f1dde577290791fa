import { EyeOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, DatePicker, Input, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import {
  findingInputSchema,
  verdicts,
  type EvidenceFileView,
  type FindingInput,
  type ReviewItemView,
  type ReviewView,
  type Verdict,
} from '#contract';
import { reviewApi } from '../../../api/endpoints';
import { formatDateTime } from '../../common/format';
import { refusalOf } from '../../common/refusal';
import { maxLengthOf } from '../../common/schemaRules';
import { ruleCodeOf, VERDICT_COLORS } from '../reviewLabels';
import { formatFigure, unitOf } from './figures';

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
export function FindingRow({ applicationId, item, editable, selected, files, onOpenFile, onView }: FindingRowProps) {
  const { message } = App.useApp();
  const code = ruleCodeOf(item.itemKey);
  const saved = item.finding;
  const [remark, setRemark] = useState(saved?.remark ?? '');
  const [corrected, setCorrected] = useState<string | number | null>(saved?.correctedValue ?? null);

  useEffect(() => {
    setRemark(saved?.remark ?? '');
    setCorrected(saved?.correctedValue ?? null);
  }, [saved?.updatedAt, saved?.remark, saved?.correctedValue]);

  const dirty = remark !== (saved?.remark ?? '') || corrected !== (saved?.correctedValue ?? null);

  /**
   * The remark saved with the verdict. A remark saved with 不符合 or 存疑 gives its reasons, so it goes when
   * the verdict becomes 符合 (the box is emptied too); one typed since the last save is kept.
   */
  const remarkFor = (verdict: Verdict) => {
    const reasonsOfEarlierVerdict = saved && saved.verdict !== 'pass' && remark === saved.remark;
    return verdict === 'pass' && reasonsOfEarlierVerdict ? '' : remark.trim();
  };

  const save = useMutation({
    mutationFn: (verdict: Verdict) => {
      const input: FindingInput = { verdict, remark: remarkFor(verdict) };
      if (item.correctable) input.correctedValue = corrected;
      return reviewApi.saveFinding(applicationId, item.itemKey, input);
    },
    onSuccess: onView,
    onError: (error) => {
      const refusal = refusalOf(error);
      message.error(`${item.label}：${refusal.title}${refusal.message ? `（${refusal.message}）` : ''}`);
    },
  });
  const saving = save.isPending;

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
            onChange={(e) => save.mutate(e.target.value as Verdict)}
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
                suffix={unitOf(code)}
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
            maxLength={maxLengthOf(findingInputSchema.shape.remark)}
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
                onClick={() => saved && save.mutate(saved.verdict)}
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
