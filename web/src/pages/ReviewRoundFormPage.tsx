import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Segmented,
  Select,
  Space,
  Spin,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  defaultReviewRoundSettings,
  reviewRoundInputSchema,
  type ReviewRoundInput,
  type ReviewRoundSettings,
  type ReviewRoundView,
  type Rubric,
} from '#contract';
import { applicationsApi } from '../api/endpoints';
import { expertReviewKeys, reviewRoundApi } from '../api/expert-review-api';
import { TitleWithBatch, useOfficialBatch, withBatch } from '../app/officialBatch';
import { failureOf } from '../features/common/failureOf';
import { LoadFailure } from '../features/common/LoadFailure';
import { preventImplicitSubmit } from '../features/common/noImplicitSubmit';
import { RefusalAlert } from '../features/common/RefusalAlert';
import { fieldsOf, maxLengthOf } from '../features/common/schemaRules';
import { useAction } from '../features/common/useAction';
import { RubricEditor } from '../features/expert-review/RubricEditor';
import { rubricIssues } from '../features/expert-review/rubricDraft';
import { RubricView, SEEDED_RUBRICS } from '../features/expert-review/RubricView';

interface RoundValues {
  title: string;
  scope: 'all' | 'chosen';
  applicationIds?: string[];
  settings: ReviewRoundSettings;
  dates: [Dayjs, Dayjs];
}

const FIELDS = fieldsOf(reviewRoundInputSchema);
/** The rubrics a round starts from: the two shapes in real use. */
const TEMPLATES = [
  { key: 'weighted2017', name: '加权计分', source: '工信厅企业〔2017〕103号' },
  { key: 'tiered2022', name: '分档计分', source: '工信部企业〔2022〕63号' },
] as const;
const TITLE_MAX = maxLengthOf(reviewRoundInputSchema.shape.title);

function valuesOf(round: ReviewRoundView | undefined): Partial<RoundValues> {
  if (!round) return { scope: 'all', settings: defaultReviewRoundSettings, applicationIds: [] };
  return {
    title: round.title,
    scope: 'chosen',
    applicationIds: round.applications.map((a) => a.applicationId),
    settings: round.settings,
    dates: [dayjs(round.opensOn), dayjs(round.closesOn)],
  };
}

function inputOf(values: RoundValues, rubric: Rubric): ReviewRoundInput {
  const { settings } = values;
  return {
    title: values.title.trim(),
    applicationIds: values.scope === 'all' ? null : (values.applicationIds ?? []),
    settings: {
      expertsPerApplication: settings.expertsPerApplication,
      maxLoadPerExpert: settings.maxLoadPerExpert,
      grouping:
        settings.grouping.mode === 'groupCount'
          ? { mode: 'groupCount', groupCount: settings.grouping.groupCount }
          : { mode: 'groupSize', groupSize: settings.grouping.groupSize },
      conflicts: { ...settings.conflicts, sameUnit: true },
    },
    rubric,
    opensOn: values.dates[0].format('YYYY-MM-DD'),
    closesOn: values.dates[1].format('YYYY-MM-DD'),
  };
}

/** A switch with a number beside it that counts only while the switch is on. */
function SwitchWithNumber({
  name,
  label,
  numberLabel,
  unit,
  min,
  max,
}: {
  name: string;
  label: string;
  numberLabel: string;
  unit: string;
  min: number;
  max: number;
}) {
  return (
    <Space align="baseline" wrap>
      <Form.Item name={['settings', 'conflicts', name, 'enabled']} valuePropName="checked" noStyle>
        <Switch aria-label={label} />
      </Form.Item>
      <span>{label}</span>
      <Form.Item
        name={['settings', 'conflicts', name, name === 'declaredRelations' ? 'lookBackYears' : 'maxPerApplication']}
        noStyle
        rules={[{ required: true, message: '须填写' }]}
      >
        <InputNumber min={min} max={max} precision={0} aria-label={numberLabel} suffix={unit} style={{ width: 120 }} />
      </Form.Item>
    </Space>
  );
}

/** 新建评审轮次 / 编辑评审轮次: which applications, k, the load cap, grouping, the 回避 rules, the rubric, dates. */
export function ReviewRoundFormPage() {
  const { roundId } = useParams<{ roundId: string }>();
  const batch = useOfficialBatch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RoundValues>();
  const scope = Form.useWatch('scope', form);
  const { message } = App.useApp();
  const groupingMode = Form.useWatch(['settings', 'grouping', 'mode'], form);

  const round = useQuery({
    queryKey: expertReviewKeys.round(roundId ?? ''),
    queryFn: ({ signal }) => reviewRoundApi.get(roundId!, signal),
    enabled: roundId !== undefined,
  });
  // The rubric as edited here; until then the round's own, or the weighted template for a new round.
  const [editedRubric, setEditedRubric] = useState<Rubric | null>(null);
  const [rubricMode, setRubricMode] = useState<'view' | 'edit'>('view');
  const rubric = editedRubric ?? round.data?.rubric ?? SEEDED_RUBRICS.weighted2017;
  // The applications the cities recommended; the server accepts only those in packages the province accepted.
  // A page of 100 at most: beyond that the picker searches the server by unit or platform name.
  const [search, setSearch] = useState('');
  const [typed, setTyped] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setSearch(typed.trim()), 300);
    return () => clearTimeout(t);
  }, [typed]);
  const candidates = useQuery({
    queryKey: ['applications', 'list', { status: 'recommended', pageSize: '100', batch, q: search }],
    queryFn: ({ signal }) =>
      applicationsApi.list(
        { status: 'recommended', pageSize: '100', ...(batch ? { batch } : {}), ...(search ? { q: search } : {}) },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  /** Every application named so far (the round's own, each search's), so a chosen one keeps its label. */
  const seen = useRef(new Map<string, string>());
  const labels = new Map([
    ...seen.current,
    ...(round.data?.applications ?? []).map((a) => [a.applicationId, `${a.unitName} · ${a.platformName}`] as const),
    ...(candidates.data?.items ?? []).map(
      (a) => [a.id, `${a.unitName} · ${a.platformName}（${a.authorityName}）`] as const,
    ),
  ]);
  useEffect(() => {
    seen.current = labels;
  });
  const chosen: string[] = Form.useWatch('applicationIds', form) ?? [];
  const candidateOptions = [
    ...chosen.map((id) => ({ value: id, label: labels.get(id) ?? id })),
    ...(candidates.data?.items ?? [])
      .filter((a) => !chosen.includes(a.id))
      .map((a) => ({ value: a.id, label: labels.get(a.id) ?? a.id })),
  ];
  const moreThanShown = (candidates.data?.total ?? 0) > (candidates.data?.items.length ?? 0);
  const save = useAction({
    action: (values: RoundValues) =>
      round.data
        ? reviewRoundApi.update(round.data.id, round.data.version, inputOf(values, rubric))
        : reviewRoundApi.create(batch, inputOf(values, rubric)),
    success: roundId ? '评审轮次已保存' : '评审轮次已创建',
    onDone: (saved) => {
      queryClient.setQueryData(expertReviewKeys.round(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: expertReviewKeys.rounds });
      void navigate(withBatch(`/province/review-rounds/${saved.id}`, batch));
    },
    fieldErrors: { form, fields: FIELDS },
  });

  const loadFailure = failureOf(round, candidates);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  if (roundId && !round.data) return <Spin size="large" className="page-spin" description="正在加载评审轮次…" />;

  /** Saves unless the rubric has findings: then they are shown where they are. */
  const submit = (values: RoundValues) => {
    const findings = rubricIssues(rubric).size;
    if (findings > 0) {
      setRubricMode('edit');
      void message.error(`评分细则有${findings}处需要修改，已在“评分细则”中标出`);
      return;
    }
    void save.run(values);
  };
  const applyTemplate = (key: keyof typeof SEEDED_RUBRICS) => {
    setEditedRubric(structuredClone(SEEDED_RUBRICS[key]));
    setRubricMode('view');
  };

  return (
    <div className="review-round-form-page">
      <div className="page-heading">
        <TitleWithBatch>{roundId ? '编辑评审轮次' : '新建评审轮次'}</TitleWithBatch>
        <Typography.Text type="secondary">
          <Link to={withBatch('/province/review-rounds', batch)}>评审轮次</Link>
          {' · 抽取专家前可随时修改；抽取后设置固定。'}
        </Typography.Text>
      </div>
      {save.refusal && <RefusalAlert refusal={save.refusal} onClose={save.clearRefusal} />}
      <Form<RoundValues>
        form={form}
        name="review-round"
        layout="vertical"
        requiredMark={false}
        initialValues={valuesOf(round.data)}
        onKeyDown={preventImplicitSubmit}
        onFinish={submit}
      >
        <Card size="small" className="form-card" title="基本信息">
          <Form.Item name="title" label="名称" rules={[{ required: true, whitespace: true, message: '须填写' }]}>
            <Input maxLength={TITLE_MAX} placeholder="如：2022年度示范平台专家评审" />
          </Form.Item>
          <Form.Item name="dates" label="评审期间" rules={[{ required: true, message: '须选择开始和结束日期' }]}>
            <DatePicker.RangePicker format="YYYY年M月D日" placeholder={['开始日期', '结束日期']} />
          </Form.Item>
          <Form.Item name="scope" label="评审的申报">
            <Radio.Group
              options={[
                { value: 'all', label: '本批次省厅已受理的全部推荐平台' },
                { value: 'chosen', label: '指定申报' },
              ]}
            />
          </Form.Item>
          {scope === 'chosen' && (
            <Form.Item
              name="applicationIds"
              label="指定的申报"
              rules={[{ required: true, type: 'array', min: 1, message: '至少选择一件申报' }]}
              extra={
                moreThanShown
                  ? `共${candidates.data?.total ?? 0}件符合，列表显示前${candidates.data?.items.length ?? 0}件：输入单位或平台名称可查找其余的`
                  : undefined
              }
            >
              <Select
                mode="multiple"
                showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
                placeholder="选择已推荐的申报，可输入单位或平台名称搜索"
                loading={candidates.isFetching}
                onBlur={() => setTyped('')}
                options={candidateOptions}
              />
            </Form.Item>
          )}
        </Card>
        <Card size="small" className="form-card" title="抽取规则">
          <Space wrap size="large">
            <Form.Item
              name={['settings', 'expertsPerApplication']}
              label="每件申报的专家人数"
              rules={[{ required: true, message: '须填写' }]}
            >
              <InputNumber min={3} max={15} precision={0} suffix="人" />
            </Form.Item>
            <Form.Item
              name={['settings', 'maxLoadPerExpert']}
              label="每位专家最多评审"
              rules={[{ required: true, message: '须填写' }]}
            >
              <InputNumber min={1} max={500} precision={0} suffix="件" />
            </Form.Item>
          </Space>
          <Form.Item label="分组方式" required={false}>
            <Space wrap>
              <Form.Item name={['settings', 'grouping', 'mode']} noStyle>
                <Radio.Group
                  aria-label="分组方式"
                  options={[
                    { value: 'groupCount', label: '按组数' },
                    { value: 'groupSize', label: '按每组申报数' },
                  ]}
                />
              </Form.Item>
              {groupingMode === 'groupCount' ? (
                <Form.Item name={['settings', 'grouping', 'groupCount']} noStyle rules={[{ required: true }]}>
                  <InputNumber min={1} max={500} precision={0} suffix="组" aria-label="组数" />
                </Form.Item>
              ) : (
                <Form.Item name={['settings', 'grouping', 'groupSize']} noStyle rules={[{ required: true }]}>
                  <InputNumber min={1} max={500} precision={0} suffix="件/组" aria-label="每组申报数" />
                </Form.Item>
              )}
            </Space>
          </Form.Item>
          <Typography.Text strong>回避规则（抽取时和专家查看材料时都检查）</Typography.Text>
          <div className="conflict-rules">
            <Space align="baseline">
              <Switch checked disabled aria-label="同单位回避" />
              <span>同单位回避（单位名称或统一社会信用代码与运营单位或其集聚服务机构相同，始终开启）</span>
            </Space>
            <SwitchWithNumber
              name="declaredRelations"
              label="申报的利害关系回避，回避期"
              numberLabel="回避年限"
              unit="年"
              min={1}
              max={20}
            />
            <SwitchWithNumber
              name="requestedExclusions"
              label="申报单位申请回避的专家（省厅同意的），每件最多"
              numberLabel="每件申报最多申请回避人数"
              unit="人"
              min={1}
              max={10}
            />
            <Space align="baseline">
              <Form.Item name={['settings', 'conflicts', 'sameCity']} valuePropName="checked" noStyle>
                <Switch aria-label="同城回避" />
              </Form.Item>
              <span>同城回避（不抽取与申报单位同一省辖市的专家）</span>
            </Space>
          </div>
        </Card>
        <Card
          size="small"
          className="form-card"
          title="评分细则"
          extra={
            <Segmented<'view' | 'edit'>
              aria-label="评分细则的查看或修改"
              value={rubricMode}
              onChange={setRubricMode}
              options={[
                { value: 'view', label: '查看' },
                { value: 'edit', label: '修改' },
              ]}
            />
          }
        >
          <Space wrap className="rubric-templates">
            <Typography.Text type="secondary">从模板开始：</Typography.Text>
            {TEMPLATES.map((t) => (
              <Popconfirm
                key={t.key}
                title={`套用${t.name}模板？`}
                description="当前评分表将被模板替换。"
                okText="套用"
                cancelText="取消"
                onConfirm={() => applyTemplate(t.key)}
              >
                <Button size="small">{`${t.name}（${t.source}）`}</Button>
              </Popconfirm>
            ))}
          </Space>
          {rubricMode === 'edit' ? (
            <RubricEditor rubric={rubric} onChange={setEditedRubric} />
          ) : (
            <RubricView rubric={rubric} />
          )}
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.busy}>
            {roundId ? '保存' : '创建评审轮次'}
          </Button>
          <Link to={withBatch(roundId ? `/province/review-rounds/${roundId}` : '/province/review-rounds', batch)}>
            取消
          </Link>
        </Space>
      </Form>
    </div>
  );
}
