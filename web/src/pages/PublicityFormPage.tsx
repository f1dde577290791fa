import '../features/publicity/publicity.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Spin, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { publicityDayUnits, publicityInputSchema, type ObjectionRules, type PublicityInput } from '#contract';
import { applicationsApi } from '../api/endpoints';
import { holidayApi, publicityApi, publicityKeys } from '../api/publicity-api';
import { TitleWithBatch, useOfficialBatch, withBatch } from '../app/officialBatch';
import { failureOf } from '../features/common/failureOf';
import { beijingIso, formatDate, formatDateTime } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { preventImplicitSubmit } from '../features/common/noImplicitSubmit';
import { RefusalAlert } from '../features/common/RefusalAlert';
import { fieldsOf, maxLengthOf } from '../features/common/schemaRules';
import { useAction } from '../features/common/useAction';
import { previewWindow } from '../features/publicity/windowPreview';

interface PublicityValues {
  title: string;
  notice: string;
  applicationIds: string[];
  days: number;
  unit: 'calendar' | 'working';
  startsAt: Dayjs;
  objections: ObjectionRules;
}

const FIELDS = fieldsOf(publicityInputSchema);

const DEFAULT_NOTICE =
  '根据《河南省中小企业公共服务示范平台认定管理办法》，经申报、市级推荐、专家评审，拟认定以下平台为河南省中小企业公共服务示范平台，现予以公示。\n' +
  '公示期内，任何单位或个人对名单有异议的，请实名提出，写明异议理由并附佐证材料，留下联系方式。逾期不予受理。';

const initialValues: Partial<PublicityValues> = {
  notice: DEFAULT_NOTICE,
  applicationIds: [],
  days: 5,
  unit: 'working',
  objections: {
    realNameRequired: true,
    contactRequired: true,
    evidenceRequired: true,
    writtenOnly: false,
    office: { department: '省工业和信息化厅中小企业服务处', address: '', phone: '', email: '' },
  },
};

const inputOf = (v: PublicityValues): PublicityInput => ({
  title: v.title,
  notice: v.notice,
  applicationIds: v.applicationIds,
  settings: { days: v.days, unit: v.unit, startsAt: beijingIso(v.startsAt), objections: v.objections },
});

/** The computed window under the form, from the holiday table, before anything is published. */
function WindowPreviewLine({
  days,
  unit,
  startsAt,
}: {
  days?: number;
  unit?: 'calendar' | 'working';
  startsAt?: Dayjs;
}) {
  const holidays = useQuery({ queryKey: publicityKeys.holidays, queryFn: ({ signal }) => holidayApi.get(signal) });
  if (!days || !unit || !startsAt) return <Alert type="info" title="填写天数和发布时间后显示公示期" />;
  if (!holidays.data) return <Spin size="small" />;
  const iso = beijingIso(startsAt);
  const preview = previewWindow(holidays.data, { days, unit, startsAt: iso });
  if ('missingYear' in preview)
    return (
      <Alert
        type="warning"
        showIcon
        title={`尚未配置${preview.missingYear}年的节假日和调休安排，不能按工作日计算；请系统管理员录入或改按自然日计算`}
      />
    );
  return (
    <Alert
      type="info"
      showIcon
      data-testid="window-preview"
      title={`公示期：${days}个${publicityDayUnits[unit]}，自${formatDateTime(iso)}起至${formatDate(preview.lastDay)} 23:59:59止（北京时间）`}
      description={`第1天为${formatDate(preview.firstDay)}。发布后以服务器计算的公示期为准。`}
    />
  );
}

/** 新建公示 (the province): the batch's received platforms, the notice, the window and how to object. */
export function PublicityFormPage() {
  const batch = useOfficialBatch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PublicityValues>();
  const days = Form.useWatch('days', form);
  const unit = Form.useWatch('unit', form);
  const startsAt = Form.useWatch('startsAt', form);
  const candidates = useQuery({
    queryKey: ['applications', 'list', { status: 'recommended', pageSize: '100', batch }],
    queryFn: ({ signal }) =>
      applicationsApi.list({ status: 'recommended', pageSize: '100', ...(batch ? { batch } : {}) }, signal),
  });
  const publish = useAction({
    action: (values: PublicityValues) => publicityApi.create(batch, inputOf(values)),
    success: '公示已发布',
    onDone: (saved) => {
      queryClient.setQueryData(publicityKeys.publicity(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: publicityKeys.publicList });
      void navigate(withBatch(`/province/publicities/${saved.id}`, batch));
    },
    fieldErrors: { form, fields: FIELDS },
  });

  const loadFailure = failureOf(candidates);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  if (!candidates.data) return <Spin size="large" className="page-spin" description="正在加载推荐平台…" />;
  return (
    <div className="narrow-page">
      <div className="page-heading">
        <TitleWithBatch>新建公示</TitleWithBatch>
      </div>
      {publish.refusal && <RefusalAlert refusal={publish.refusal} onClose={publish.clearRefusal} />}
      <Form<PublicityValues>
        form={form}
        name="publicity"
        layout="vertical"
        initialValues={initialValues}
        onKeyDown={preventImplicitSubmit}
        onFinish={(values) => void publish.run(values)}
      >
        <Card size="small" className="form-card" title="公示名单">
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '须填写' }]}>
            <Input
              maxLength={maxLengthOf(publicityInputSchema.shape.title)}
              placeholder="如：2026年度河南省中小企业公共服务示范平台拟认定名单公示"
            />
          </Form.Item>
          <Form.Item
            name="applicationIds"
            label="列入公示的平台"
            extra="本批次省厅已受理的推荐平台。"
            rules={[{ required: true, type: 'array', min: 1, message: '至少列入一个平台' }]}
          >
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择平台"
              options={candidates.data.items.map((a) => ({
                value: a.id,
                label: `${a.platformName}（${a.unitName}，${a.authorityName}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="notice" label="公示内容" rules={[{ required: true, whitespace: true, message: '须填写' }]}>
            <Input.TextArea rows={5} maxLength={maxLengthOf(publicityInputSchema.shape.notice)} showCount />
          </Form.Item>
        </Card>
        <Card size="small" className="form-card" title="公示期">
          <Space wrap size="large">
            <Form.Item name="days" label="天数" rules={[{ required: true, message: '须填写' }]}>
              <InputNumber min={1} max={60} precision={0} suffix="天" />
            </Form.Item>
            <Form.Item name="unit" label="计算方式">
              <Radio.Group
                options={[
                  { value: 'working', label: '工作日' },
                  { value: 'calendar', label: '自然日' },
                ]}
              />
            </Form.Item>
            <Form.Item name="startsAt" label="发布时间（北京时间）" rules={[{ required: true, message: '须选择' }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY年M月D日 HH:mm" minDate={dayjs().startOf('day')} />
            </Form.Item>
          </Space>
          <WindowPreviewLine days={days} unit={unit} startsAt={startsAt} />
        </Card>
        <Card size="small" className="form-card" title="异议受理">
          <Space wrap size="large">
            <Form.Item name={['objections', 'realNameRequired']} label="须实名" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name={['objections', 'contactRequired']} label="须留联系方式" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name={['objections', 'evidenceRequired']} label="须附佐证材料" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name={['objections', 'writtenOnly']} label="只受理书面异议" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item
            name={['objections', 'office', 'department']}
            label="受理部门"
            rules={[{ required: true, whitespace: true, message: '须填写' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name={['objections', 'office', 'address']}
            label="地址"
            rules={[{ required: true, whitespace: true, message: '须填写' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item
              name={['objections', 'office', 'phone']}
              label="电话"
              rules={[{ required: true, whitespace: true, message: '须填写' }]}
            >
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name={['objections', 'office', 'email']} label="电子邮箱（选填）">
              <Input maxLength={100} />
            </Form.Item>
          </Space>
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={publish.busy}>
            发布公示
          </Button>
          <Button onClick={() => void navigate(withBatch('/province/publicities', batch))}>取消</Button>
        </Space>
      </Form>
    </div>
  );
}
