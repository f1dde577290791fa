import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  ConfigProvider,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Typography,
  type FormInstance,
  type FormRule,
} from 'antd';
import type { ZodType } from 'zod';
import {
  applicationDraftSchema,
  channels,
  ruleFailureMessage,
  ruleFields,
  ruleRequirement,
  type ApplicationView,
  type BatchConfig,
  type Channel,
  type Region,
  type RuleCode,
} from '#contract';
import { readOnlyTheme } from '../common/readOnlyTheme';
import { maxLengthOf } from '../common/schemaRules';
import type { DraftFormValues } from './draftForm';
import { itemStatus, type FieldIssues } from '../common/fieldIssues';
import { PastDatePicker } from '../common/PastDatePicker';

/** The draft's limits are the form's. */
const draft = applicationDraftSchema.shape;

/**
 * A number field checked by the draft's schema as typed: 25.7 staff or 150% is refused with the
 * schema's words (须为整数, 不能超过100), never rounded or clamped behind the user's back.
 */
const draftNumberRule = (schema: ZodType): FormRule => ({
  validator: async (_rule, value: unknown) => {
    const result = schema.safeParse(value ?? null);
    if (!result.success) throw new Error(result.error.issues[0]?.message ?? '格式不正确');
  },
});

/**
 * Form.Item props of a field a rule judges: its issues, and the rule's requirement as help beside it (antd
 * links it to the input by aria-describedby), left out while the error already says the same words.
 */
function ruleItem(issues: FieldIssues, code: RuleCode, config: BatchConfig) {
  const status = itemStatus(issues, ruleFields[code]);
  const failed = issues.get(ruleFields[code])?.messages.includes(ruleFailureMessage(code, config)) ?? false;
  return failed ? status : { ...status, extra: `要求：${ruleRequirement(code, config)}` };
}

/** A rule's requirement under a figure that is not typed here (it counts a list). */
function RuleNote({ code, config }: { code: RuleCode; config: BatchConfig }) {
  return <Typography.Text type="secondary">要求：{ruleRequirement(code, config)}</Typography.Text>;
}

interface BasicInfoFormProps {
  form: FormInstance<DraftFormValues>;
  initialValues: DraftFormValues;
  view: ApplicationView;
  config: BatchConfig;
  region: Region | undefined;
  issues: FieldIssues;
  editable: boolean;
  onChange: (changed: DraftFormValues, all: DraftFormValues) => void;
  onOpenTab: (tab: 'institutions' | 'roster') => void;
}

function UnitIdentity({ view, region }: { view: ApplicationView; region: Region | undefined }) {
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      bordered
      className="unit-identity"
      items={[
        { key: 'unit', label: '运营单位名称', children: view.unitName },
        { key: 'uscc', label: '统一社会信用代码', children: <span className="mono">{view.uscc}</span> },
        { key: 'region', label: '所在地区', children: region?.name ?? view.regionCode },
        {
          key: 'authority',
          label: '推荐单位',
          children: region ? `${region.authorityName}中小企业主管部门` : view.authorityCode,
        },
      ]}
    />
  );
}

function UnitCard({
  view,
  config,
  region,
  issues,
}: {
  view: ApplicationView;
  config: BatchConfig;
  region: Region | undefined;
  issues: FieldIssues;
}) {
  return (
    <Card title="运营单位信息" size="small" className="form-card">
      <UnitIdentity view={view} region={region} />
      <Typography.Paragraph type="secondary" className="card-note">
        单位名称、信用代码和所在地区来自注册信息。
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="registeredOn" label="注册登记时间" {...ruleItem(issues, 'REGISTRATION_TOO_RECENT', config)}>
            <PastDatePicker />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="legalRepresentative" label="法定代表人" {...itemStatus(issues, 'legalRepresentative')}>
            <Input maxLength={maxLengthOf(draft.legalRepresentative)} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="address" label="注册地址" {...itemStatus(issues, 'address')}>
            <Input maxLength={maxLengthOf(draft.address)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="principalName" label="主要负责人姓名" {...itemStatus(issues, 'principalName')}>
            <Input maxLength={maxLengthOf(draft.principalName)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="principalTitle" label="主要负责人职务" {...itemStatus(issues, 'principalTitle')}>
            <Input maxLength={maxLengthOf(draft.principalTitle)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="contactName" label="联系人" {...itemStatus(issues, 'contactName')}>
            <Input maxLength={maxLengthOf(draft.contactName)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="contactPhone"
            label="联系电话"
            extra="手机号（11位）或座机号（如 0371-65507615）"
            {...itemStatus(issues, 'contactPhone')}
          >
            <Input maxLength={maxLengthOf(draft.contactPhone)} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

function PlatformCard({ config, issues }: { config: BatchConfig; issues: FieldIssues }) {
  return (
    <Card title="平台信息" size="small" className="form-card">
      <Form.Item name="platformName" label="平台名称" {...ruleItem(issues, 'NAME_FORBIDDEN_WORD', config)}>
        <Input maxLength={maxLengthOf(draft.platformName)} />
      </Form.Item>
      <Form.Item
        name="categories"
        label="平台类别（服务功能，可多选）"
        {...ruleItem(issues, 'CATEGORY_MISSING', config)}
      >
        <Checkbox.Group options={config.categories} className="category-options" />
      </Form.Item>
      <Form.Item name="description" label="服务内容与资源简介" {...itemStatus(issues, 'description')}>
        <Input.TextArea rows={5} maxLength={maxLengthOf(draft.description)} showCount />
      </Form.Item>
    </Card>
  );
}

function ChannelCard({ view, config, issues }: { view: ApplicationView; config: BatchConfig; issues: FieldIssues }) {
  const form = Form.useFormInstance<DraftFormValues>();
  const channel = Form.useWatch('channel', form);
  const areas = config.designatedAreas.filter((a) => a.authorityCode === view.authorityCode);
  const quota = config.quota.byAuthority[view.authorityCode] ?? config.quota.default;
  return (
    <Card title="申报渠道" size="small" className="form-card">
      <Form.Item name="channel" label="申报渠道" {...itemStatus(issues, 'channel')}>
        <Radio.Group
          options={(Object.keys(channels) as Channel[]).map((value) =>
            value === 'designated_area' && areas.length === 0
              ? { value, label: `${channels[value]}（所在市无特定区域）`, disabled: true }
              : { value, label: channels[value] },
          )}
        />
      </Form.Item>
      {channel === 'quota' && (
        <Typography.Paragraph type="secondary">计入所在市推荐名额（本市不超过 {quota} 个）。</Typography.Paragraph>
      )}
      {channel === 'designated_area' &&
        (areas.length > 0 ? (
          <Form.Item name="designatedAreaId" label="所在特定区域" {...itemStatus(issues, 'designatedAreaId')}>
            <Select
              placeholder="请选择本单位所在的特定区域"
              options={areas.map((a) => ({ value: a.id, label: a.name }))}
              allowClear
            />
          </Form.Item>
        ) : (
          <Alert type="warning" showIcon title="本批次在所在市没有特定区域，请选择其他申报渠道。" />
        ))}
      {channel === 'lab' && (
        <Alert type="info" showIcon title="请在“证明材料”中上传工信部实验室认定文件；实验室不计入各地推荐数量。" />
      )}
    </Card>
  );
}

function FiguresCard({
  view,
  config,
  issues,
  editable,
  onOpenTab,
}: Pick<BasicInfoFormProps, 'view' | 'config' | 'issues' | 'editable' | 'onOpenTab'>) {
  return (
    <Card title="申报条件数据" size="small" className="form-card">
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="totalAssetsWan"
            label="上年末资产总额"
            rules={[draftNumberRule(draft.totalAssetsWan)]}
            {...ruleItem(issues, 'ASSETS_BELOW_MIN', config)}
          >
            <InputNumber suffix="万元" className="full-width" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="serviceStaff"
            label="服务人员数量"
            rules={[draftNumberRule(draft.serviceStaff)]}
            {...ruleItem(issues, 'STAFF_BELOW_MIN', config)}
          >
            <InputNumber suffix="人" className="full-width" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="preferentialSharePercent"
            label="优惠服务占比"
            rules={[draftNumberRule(draft.preferentialSharePercent)]}
            {...ruleItem(issues, 'PREFERENTIAL_SHARE_BELOW_MIN', config)}
          >
            <InputNumber suffix="%" className="full-width" />
          </Form.Item>
        </Col>
      </Row>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'institutions',
            label: '集聚服务机构数量',
            children: (
              <span>
                {view.institutions.length} 家（
                <Button type="link" className="inline-link" onClick={() => onOpenTab('institutions')}>
                  {editable ? '在“集聚服务机构”中填写' : '查看名单'}
                </Button>
                ）
                <br />
                <RuleNote code="INSTITUTIONS_BELOW_MIN" config={config} />
              </span>
            ),
          },
          {
            key: 'roster',
            label: '年服务企业数',
            children: (
              <span>
                {view.rosterCount} 家（
                <Button type="link" className="inline-link" onClick={() => onOpenTab('roster')}>
                  {editable ? '由服务企业名单导入' : '查看名单'}
                </Button>
                ）
                <br />
                <RuleNote code="ENTERPRISES_SERVED_BELOW_MIN" config={config} />
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** 基本信息: the unit, the platform, the channel and the figures the rules judge. */
export function BasicInfoForm({
  form,
  initialValues,
  view,
  config,
  region,
  issues,
  editable,
  onChange,
  onOpenTab,
}: BasicInfoFormProps) {
  return (
    <ConfigProvider theme={editable ? undefined : readOnlyTheme}>
      <Form<DraftFormValues>
        form={form}
        name="basic"
        layout="vertical"
        initialValues={initialValues}
        disabled={!editable}
        onValuesChange={onChange}
        requiredMark={false}
      >
        <UnitCard view={view} config={config} region={region} issues={issues} />
        <PlatformCard config={config} issues={issues} />
        <ChannelCard view={view} config={config} issues={issues} />
        <FiguresCard view={view} config={config} issues={issues} editable={editable} onOpenTab={onOpenTab} />
      </Form>
    </ConfigProvider>
  );
}
