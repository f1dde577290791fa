import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Rubric, TieredItem, WeightedItem } from '#contract';
import {
  addCategory,
  addChoice,
  addItem,
  edited,
  move,
  removeCategory,
  removeChoice,
  removeItem,
  rubricIssues,
  runningTotal,
  setScored,
} from './rubricDraft';

interface RubricEditorProps {
  rubric: Rubric;
  onChange: (rubric: Rubric) => void;
}

/** The id of the control at a rubric path, for its label. */
const idOf = (path: string) => `rubric-${path.replaceAll('.', '-')}`;

/** A number input whose empty or unfinished value is NaN in the draft (the schema names it). */
function NumberField({
  id,
  value,
  onChange,
  label,
  suffix,
  nullable,
}: {
  id?: string;
  value: number | null;
  onChange: (value: number | null) => void;
  label: string;
  suffix?: string;
  nullable?: boolean;
}) {
  return (
    <InputNumber<number>
      id={id}
      aria-label={label}
      value={value === null || Number.isNaN(value) ? null : value}
      min={0}
      max={100}
      suffix={suffix}
      style={{ width: 120 }}
      onChange={(next) => onChange(next === null ? (nullable ? null : Number.NaN) : next)}
    />
  );
}

/** Up, down and remove for one element of a list. */
function ListActions({
  what,
  index,
  count,
  onMove,
  onRemove,
}: {
  what: string;
  index: number;
  count: number;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  return (
    <Space size={0}>
      <Tooltip title="上移">
        <Button
          type="text"
          size="small"
          icon={<ArrowUpOutlined />}
          aria-label={`上移${what}`}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        />
      </Tooltip>
      <Tooltip title="下移">
        <Button
          type="text"
          size="small"
          icon={<ArrowDownOutlined />}
          aria-label={`下移${what}`}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        />
      </Tooltip>
      <Tooltip title={count === 1 ? '至少保留一个' : '删除'}>
        <Button
          type="text"
          size="small"
          danger
          icon={<DeleteOutlined />}
          aria-label={`删除${what}`}
          disabled={count === 1}
          onClick={onRemove}
        />
      </Tooltip>
    </Space>
  );
}

/**
 * 评分细则 as the province edits it for a round: the title, the pass mark, categories (with their minimum in a
 * tiered rubric), items that score or only inform, points and weights or tiers, and the 直通 conditions. Every
 * finding of the schema shows at its field as it is typed; the total the scored items reach is shown against 100.
 */
export function RubricEditor({ rubric, onChange }: RubricEditorProps) {
  const issues = rubricIssues(rubric);
  const change = (apply: (draft: Rubric) => void) => onChange(edited(rubric, apply));
  /** A field with its finding, if the schema has one at `path`. */
  const field = (path: string, label: string, control: ReactNode, extra?: ReactNode) => (
    <Form.Item
      label={label}
      htmlFor={idOf(path)}
      validateStatus={issues.has(path) ? 'error' : undefined}
      help={issues.get(path)}
      extra={extra}
      className="rubric-edit-field"
    >
      {control}
    </Form.Item>
  );
  /** A figure of the rubric at `path`, set by `set` (NaN while empty or unfinished). */
  const numberField = (
    path: string,
    label: string,
    ariaLabel: string,
    value: number,
    suffix: string | undefined,
    set: (draft: Rubric, value: number) => void,
  ) =>
    field(
      path,
      label,
      <NumberField
        id={idOf(path)}
        label={ariaLabel}
        suffix={suffix}
        value={value}
        onChange={(v) => change((d) => set(d, v ?? Number.NaN))}
      />,
    );
  const { total } = runningTotal(rubric);
  const weighted = rubric.kind === 'weighted';
  const items = rubric.categories.flatMap((c) => c.items as (WeightedItem | TieredItem)[]);

  return (
    <div className="rubric-editor" data-testid="rubric-editor">
      <Space wrap align="start" size="middle">
        {field(
          'title',
          '评分表名称',
          <Input
            id={idOf('title')}
            value={rubric.title}
            maxLength={200}
            style={{ width: 420 }}
            onChange={(e) => change((d) => void (d.title = e.target.value))}
          />,
        )}
        {numberField('passMark', '合格线', '合格线', rubric.passMark, '分', (d, v) => void (d.passMark = v))}
      </Space>
      {field(
        'source',
        '依据（可不填）',
        <Input
          id={idOf('source')}
          value={rubric.source}
          maxLength={200}
          onChange={(e) => change((d) => void (d.source = e.target.value))}
        />,
      )}
      <div className="rubric-total" data-testid="rubric-total">
        <Typography.Text>
          {weighted ? '各计分项“满分 × 权重”之和：' : '各计分项最高档分值之和：'}
          <strong>{total === null ? '—' : total}</strong> / 100
        </Typography.Text>{' '}
        {total === 100 ? <Tag color="green">正确</Tag> : <Tag color="red">须为100</Tag>}
      </div>
      {issues.has('categories') && <Alert type="error" showIcon title={issues.get('categories')} />}

      {rubric.categories.map((category, c) => (
        <Card
          key={category.key}
          size="small"
          className="rubric-edit-category"
          title={
            <Space wrap>
              <span>第{c + 1}类</span>
              <Input
                aria-label={`第${c + 1}类名称`}
                placeholder="类别名称"
                value={category.label}
                maxLength={100}
                status={issues.has(`categories.${c}.label`) ? 'error' : undefined}
                style={{ width: 220 }}
                onChange={(e) => change((d) => void (d.categories[c]!.label = e.target.value))}
              />
              {'minimum' in category && (
                <Space size={4}>
                  <span>最低分</span>
                  <NumberField
                    label={`第${c + 1}类最低分`}
                    suffix="分"
                    nullable
                    value={category.minimum}
                    onChange={(v) =>
                      change((d) => {
                        if (d.kind === 'tiered') d.categories[c]!.minimum = v;
                      })
                    }
                  />
                </Space>
              )}
            </Space>
          }
          extra={
            <ListActions
              what={`第${c + 1}类`}
              index={c}
              count={rubric.categories.length}
              onMove={(by) => change((d) => move(d.categories as unknown[], c, by))}
              onRemove={() => onChange(removeCategory(rubric, c))}
            />
          }
        >
          {(issues.has(`categories.${c}.label`) || issues.has(`categories.${c}.minimum`)) && (
            <Typography.Text type="danger" className="rubric-edit-note">
              {[issues.get(`categories.${c}.label`), issues.get(`categories.${c}.minimum`)].filter(Boolean).join('；')}
            </Typography.Text>
          )}
          {(category.items as (WeightedItem | TieredItem)[]).map((item, i) => {
            const at = `categories.${c}.items.${i}`;
            const name = `第${c + 1}类第${i + 1}项`;
            return (
              <div key={item.key} className="rubric-edit-item" data-testid={`rubric-item-${c}-${i}`}>
                <div className="rubric-edit-item-head">
                  <Typography.Text strong>{name}</Typography.Text>
                  <Space size="small">
                    <Switch
                      size="small"
                      checked={item.scored}
                      aria-label={`${name}计分`}
                      onChange={(on) => onChange(setScored(rubric, c, i, on))}
                    />
                    <span>{item.scored ? '计分' : '不计分（只填写意见）'}</span>
                    <ListActions
                      what={name}
                      index={i}
                      count={category.items.length}
                      onMove={(by) => change((d) => move(d.categories[c]!.items as unknown[], i, by))}
                      onRemove={() => onChange(removeItem(rubric, c, i))}
                    />
                  </Space>
                </div>
                <Space wrap align="start">
                  {field(
                    `${at}.label`,
                    '评分项',
                    <Input
                      id={idOf(`${at}.label`)}
                      aria-label={`${name}名称`}
                      value={item.label}
                      maxLength={100}
                      style={{ width: 260 }}
                      onChange={(e) => change((d) => void (d.categories[c]!.items[i]!.label = e.target.value))}
                    />,
                  )}
                  {'maxPoints' in item && (
                    <>
                      {numberField(`${at}.maxPoints`, '满分', `${name}满分`, item.maxPoints, '分', (d, v) => {
                        const it = d.categories[c]!.items[i]!;
                        if ('maxPoints' in it) it.maxPoints = v;
                      })}
                      {numberField(`${at}.weight`, '权重', `${name}权重`, item.weight, undefined, (d, v) => {
                        const it = d.categories[c]!.items[i]!;
                        if ('weight' in it) it.weight = v;
                      })}
                    </>
                  )}
                </Space>
                {field(
                  `${at}.guidance`,
                  '评分规则（专家评分时看到）',
                  <Input.TextArea
                    id={idOf(`${at}.guidance`)}
                    aria-label={`${name}评分规则`}
                    value={item.guidance}
                    maxLength={500}
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    placeholder="如：每建立一种沟通渠道加20分，直到满分100为止"
                    onChange={(e) => change((d) => void (d.categories[c]!.items[i]!.guidance = e.target.value))}
                  />,
                )}
                {'choices' in item && (
                  <div className="rubric-edit-choices">
                    {item.choices.map((choice, h) => (
                      <Space key={choice.key} wrap align="start">
                        {field(
                          `${at}.choices.${h}.label`,
                          `第${h + 1}档`,
                          <Input
                            id={idOf(`${at}.choices.${h}.label`)}
                            aria-label={`${name}第${h + 1}档`}
                            value={choice.label}
                            maxLength={200}
                            style={{ width: 300 }}
                            onChange={(e) =>
                              change((d) => {
                                const it = d.categories[c]!.items[i]!;
                                if ('choices' in it) it.choices[h]!.label = e.target.value;
                              })
                            }
                          />,
                        )}
                        {'points' in choice &&
                          numberField(
                            `${at}.choices.${h}.points`,
                            '分值',
                            `${name}第${h + 1}档分值`,
                            choice.points,
                            '分',
                            (d, v) => {
                              const it = d.categories[c]!.items[i]!;
                              if ('choices' in it && it.scored) it.choices[h]!.points = v;
                            },
                          )}
                        <Button
                          className="rubric-edit-choice-remove"
                          type="text"
                          danger
                          size="small"
                          icon={<DeleteOutlined />}
                          aria-label={`删除${name}第${h + 1}档`}
                          disabled={item.choices.length <= 2}
                          onClick={() => onChange(removeChoice(rubric, c, i, h))}
                        />
                      </Space>
                    ))}
                    {issues.has(`${at}.choices`) && (
                      <Typography.Text type="danger">{issues.get(`${at}.choices`)}</Typography.Text>
                    )}
                    <Button
                      size="small"
                      icon={<PlusOutlined />}
                      disabled={item.choices.length >= 10}
                      onClick={() => onChange(addChoice(rubric, c, i))}
                    >
                      添加档次
                    </Button>
                  </div>
                )}
              </div>
            );
          })}
          <Button
            icon={<PlusOutlined />}
            disabled={category.items.length >= 50}
            onClick={() => onChange(addItem(rubric, c))}
          >
            在第{c + 1}类添加评分项
          </Button>
        </Card>
      ))}
      <Button
        icon={<PlusOutlined />}
        disabled={rubric.categories.length >= 20}
        onClick={() => onChange(addCategory(rubric))}
      >
        添加类别
      </Button>

      {rubric.kind === 'tiered' && (
        <Card size="small" className="rubric-edit-category" title="直通条件（符合任一条即通过，不看总分）">
          {rubric.directPass.map((condition, n) => {
            const item = items.find((it) => it.key === condition.itemKey);
            return (
              <Space key={`${condition.itemKey}.${condition.choiceKey}.${n}`} wrap align="start">
                {field(
                  `directPass.${n}.itemKey`,
                  `第${n + 1}个条件：评分项`,
                  <Select
                    id={idOf(`directPass.${n}.itemKey`)}
                    aria-label={`第${n + 1}个直通条件的评分项`}
                    style={{ width: 260 }}
                    value={condition.itemKey}
                    options={items.map((it) => ({ value: it.key, label: it.label || '（未命名）' }))}
                    onChange={(itemKey: string) =>
                      change((d) => {
                        if (d.kind !== 'tiered') return;
                        const chosen = items.find((it) => it.key === itemKey);
                        const firstChoice = chosen && 'choices' in chosen ? chosen.choices[0]?.key : undefined;
                        d.directPass[n] = { itemKey, choiceKey: firstChoice ?? '' };
                      })
                    }
                  />,
                )}
                {field(
                  `directPass.${n}.choiceKey`,
                  '档次',
                  <Select
                    id={idOf(`directPass.${n}.choiceKey`)}
                    aria-label={`第${n + 1}个直通条件的档次`}
                    style={{ width: 300 }}
                    value={condition.choiceKey}
                    options={(item && 'choices' in item ? item.choices : []).map((ch) => ({
                      value: ch.key,
                      label: ch.label || '（未命名）',
                    }))}
                    onChange={(choiceKey: string) =>
                      change((d) => {
                        if (d.kind === 'tiered') d.directPass[n]!.choiceKey = choiceKey;
                      })
                    }
                  />,
                )}
                <Button
                  className="rubric-edit-choice-remove"
                  type="text"
                  danger
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={`删除第${n + 1}个直通条件`}
                  onClick={() =>
                    change((d) => {
                      if (d.kind === 'tiered') d.directPass.splice(n, 1);
                    })
                  }
                />
              </Space>
            );
          })}
          <Button
            size="small"
            icon={<PlusOutlined />}
            disabled={rubric.directPass.length >= 20}
            onClick={() =>
              change((d) => {
                const first = items.find((it) => 'choices' in it);
                if (d.kind === 'tiered' && first && 'choices' in first) {
                  d.directPass.push({ itemKey: first.key, choiceKey: first.choices[0]!.key });
                }
              })
            }
          >
            添加直通条件
          </Button>
        </Card>
      )}
    </div>
  );
}
