import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { precheckInputSchema, type BatchSummary } from '#contract';
import { formatDate } from '../common/format';
import { itemStatus, type FieldIssues } from '../common/fieldIssues';
import { maxLengthOf } from '../common/schemaRules';
import { PastDatePicker } from '../common/PastDatePicker';

export interface PrecheckValues {
  batchYear: number;
  platformName: string;
  operatorName: string;
  uscc: string;
  categories: string[];
  registeredOn: Dayjs | null;
  totalAssetsWan: number | null;
  serviceStaff: number | null;
  institutions: number | null;
  preferentialSharePercent: number | null;
  enterprisesServedLastYear: number | null;
}

/**
 * The precheck judges by year; the demo copy shares its year and rules with the official batch, so
 * each year is offered once, described by its official batch.
 */
export function batchesByYear(batches: readonly BatchSummary[]): BatchSummary[] {
  const byYear = new Map<number, BatchSummary>();
  for (const batch of batches) {
    const known = byYear.get(batch.year);
    if (!known || (known.isDemo && !batch.isDemo)) byYear.set(batch.year, batch);
  }
  return [...byYear.values()].sort((a, b) => b.year - a.year);
}

interface PrecheckFormProps {
  form: FormInstance<PrecheckValues>;
  /** One per year, see batchesByYear. */
  batches: readonly BatchSummary[];
  issues: FieldIssues;
  checking: boolean;
  onCheck: (values: PrecheckValues) => void;
  onFieldChanged: (fields: string[]) => void;
}

const required = [{ required: true, message: '须填写' }];
const shape = precheckInputSchema.shape;

/** The figures of 附件2 注1–3, entered freely and checked by the same rules the system applies later. */
export function PrecheckForm({ form, batches, issues, checking, onCheck, onFieldChanged }: PrecheckFormProps) {
  const batchYear = Form.useWatch('batchYear', form);
  const config = batches.find((b) => b.year === batchYear)?.config;
  return (
    <Form<PrecheckValues>
      form={form}
      name="precheck"
      layout="vertical"
      onFinish={onCheck}
      onValuesChange={(changed: Partial<PrecheckValues>) => onFieldChanged(Object.keys(changed))}
      requiredMark={false}
    >
      <Card size="small" className="form-card" title="申报批次与平台">
        <Form.Item
          name="batchYear"
          label="申报批次"
          rules={[{ required: true, message: '须选择' }]}
          {...itemStatus(issues, 'batchYear')}
        >
          <Select options={batches.map((b) => ({ value: b.year, label: b.label }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="platformName" label="平台名称" rules={required} {...itemStatus(issues, 'platformName')}>
              <Input maxLength={maxLengthOf(shape.platformName)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="operatorName"
              label="运营单位名称"
              rules={required}
              {...itemStatus(issues, 'operatorName')}
            >
              <Input maxLength={maxLengthOf(shape.operatorName)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="uscc"
              label="统一社会信用代码"
              rules={required}
              normalize={(v: string) => v.toUpperCase()}
              {...itemStatus(issues, 'uscc')}
            >
              <Input maxLength={maxLengthOf(shape.uscc)} className="mono" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="registeredOn"
              label="注册登记时间"
              rules={required}
              extra={config ? `以${formatDate(config.referenceDate)}为基准计算年限` : undefined}
              {...itemStatus(issues, 'registeredOn')}
            >
              <PastDatePicker />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="categories" label="平台类别（服务功能，可多选）" {...itemStatus(issues, 'categories')}>
          <Checkbox.Group options={config?.categories ?? []} className="category-options" />
        </Form.Item>
      </Card>
      <Card size="small" className="form-card" title="申报条件数据">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="totalAssetsWan"
              label="上年末资产总额"
              rules={required}
              extra={config ? `截至${formatDate(config.assetsAsOf)}` : undefined}
              {...itemStatus(issues, 'totalAssetsWan')}
            >
              <InputNumber min={0} precision={2} suffix="万元" className="full-width" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="serviceStaff"
              label="服务人员数量"
              rules={required}
              {...itemStatus(issues, 'serviceStaff')}
            >
              <InputNumber min={0} precision={0} suffix="人" className="full-width" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="institutions"
              label="集聚服务机构数量"
              rules={required}
              {...itemStatus(issues, 'institutions')}
            >
              <InputNumber min={0} precision={0} suffix="家" className="full-width" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="preferentialSharePercent"
              label="优惠服务占比"
              rules={required}
              {...itemStatus(issues, 'preferentialSharePercent')}
            >
              <InputNumber min={0} max={100} precision={2} suffix="%" className="full-width" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="enterprisesServedLastYear"
              label="年服务企业数"
              rules={required}
              {...itemStatus(issues, 'enterprisesServedLastYear')}
            >
              <InputNumber min={0} precision={0} suffix="家" className="full-width" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Button type="primary" htmlType="submit" size="large" icon={<SafetyCertificateOutlined />} loading={checking}>
        检查是否符合申报条件
      </Button>
    </Form>
  );
}
