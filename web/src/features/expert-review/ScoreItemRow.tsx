import { Input, InputNumber, Radio, Tag, Typography } from 'antd';
import { tieredItemMax, type Rubric } from '#contract';
import { valueText, type ItemDraft, type LocatedItem } from './ScoreDraft';

interface ScoreItemRowProps {
  rubric: Rubric;
  located: LocatedItem;
  value: ItemDraft;
  onChange: (value: ItemDraft) => void;
  /** The server's messages on this item from the last save or submission. */
  errors: readonly string[];
  readOnly: boolean;
  /** What the expert had typed before loading the latest version, shown when it differs. */
  unsaved: ItemDraft | null;
}

function scoringText(rubric: Rubric, located: LocatedItem): string {
  const { item } = located;
  if ('maxPoints' in item) return `0–${item.maxPoints}分，权重${item.weight}`;
  if ('choices' in item && item.scored) return `按档次计分，最高${tieredItemMax(item)}分`;
  if (rubric.kind === 'tiered' && rubric.directPass.some((d) => d.itemKey === item.key))
    return '不计分，选“是”即符合直通条件';
  return rubric.kind === 'tiered' ? '不计分，须作答' : '不计分，须填写意见';
}

function unsavedText(remarkOnly: boolean, located: LocatedItem, unsaved: ItemDraft): string {
  const remark = unsaved.remark.trim();
  const parts = remarkOnly ? [] : [valueText(located.item, unsaved)];
  if (remark) parts.push(`意见：${remark}`);
  return parts.length > 0 ? parts.join('；') : '（空）';
}

/** One rubric item on the sheet: what it measures, its points or tier, and the expert's remark. */
export function ScoreItemRow({ rubric, located, value, onChange, errors, readOnly, unsaved }: ScoreItemRowProps) {
  const { item, itemIndex } = located;
  const id = `score-item-${item.key}`;
  const remarkOnly = rubric.kind === 'weighted' && !item.scored;
  const invalid = errors.length > 0;
  const errorId = `${id}-error`;
  const described = invalid ? errorId : undefined;

  let control = null;
  if (readOnly) {
    control = remarkOnly ? null : <span className="score-item-value">{valueText(item, value)}</span>;
  } else if ('maxPoints' in item) {
    control = (
      <InputNumber
        className="score-item-points"
        aria-label={`${item.label}得分（0–${item.maxPoints}分）`}
        aria-describedby={described}
        status={invalid ? 'error' : undefined}
        min={0}
        step={1}
        value={value.points}
        onChange={(points) => onChange({ ...value, points: points ?? null })}
        suffix="分"
      />
    );
  } else if ('choices' in item) {
    control = (
      <Radio.Group
        className="score-item-choices"
        orientation="vertical"
        aria-labelledby={`${id}-label`}
        aria-describedby={described}
        value={value.choiceKey}
        onChange={(e) => onChange({ ...value, choiceKey: e.target.value as string })}
        options={item.choices.map((c) => ({
          value: c.key,
          label: 'points' in c ? `${c.label}（${c.points}分）` : c.label,
        }))}
      />
    );
  }

  const remarkLabel = remarkOnly ? `${item.label}意见` : `${item.label}评分说明`;
  const remark = readOnly ? (
    value.remark && <div className="score-item-remark-text pre-wrap">{value.remark}</div>
  ) : (
    <Input.TextArea
      className="score-item-remark"
      aria-label={remarkLabel}
      placeholder={remarkOnly ? '请填写意见（必填）' : '评分说明（选填）'}
      autoSize={{ minRows: remarkOnly ? 3 : 1, maxRows: 8 }}
      maxLength={1000}
      value={value.remark}
      onChange={(e) => onChange({ ...value, remark: e.target.value })}
    />
  );

  return (
    <li className={`score-item${invalid ? ' score-item-invalid' : ''}`} data-testid={id}>
      <div className="score-item-head">
        <Typography.Text strong id={`${id}-label`}>{`第${itemIndex + 1}项 ${item.label}`}</Typography.Text>
        {item.scored ? (
          <Typography.Text type="secondary">{scoringText(rubric, located)}</Typography.Text>
        ) : (
          <Tag>{scoringText(rubric, located)}</Tag>
        )}
        {item.guidance && <div className="score-item-guidance">{item.guidance}</div>}
      </div>
      <div className="score-item-body">
        {control && <div className="score-item-control">{control}</div>}
        {remark && <div className="score-item-remark-box">{remark}</div>}
      </div>
      {invalid && (
        <div className="score-item-error" id={errorId} role="alert" data-testid="score-item-error">
          {errors.join('；')}
        </div>
      )}
      {unsaved && (
        <div className="score-item-unsaved" data-testid="score-item-unsaved">
          {`您未保存的填写：${unsavedText(remarkOnly, located, unsaved)}`}
        </div>
      )}
    </li>
  );
}
