import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { letterSettingsInputSchema, type LetterSettingsInput, type LetterSettingsView } from '#contract';
import { cityPackageApi } from '../../api/endpoints';
import { useOfficialBatch } from '../../app/officialBatch';
import { queries, queryKeys } from '../../app/queries';
import { failureOf } from '../common/failureOf';
import { LoadFailure } from '../common/LoadFailure';
import { RefusalAlert } from '../common/RefusalAlert';
import { fieldsOf, maxLengthOf, PHONE_MAX_LENGTH } from '../common/schemaRules';
import { useAction } from '../common/useAction';
import { zodRule } from '../common/zodRule';

type Values = Omit<LetterSettingsInput, 'documentDate' | 'contactName' | 'contactPhone'> & {
  documentDate: Dayjs | null;
  contactName: string;
  contactPhone: string;
};

const shape = letterSettingsInputSchema.shape;
const FIELDS = fieldsOf(letterSettingsInputSchema);

const toValues = (v: LetterSettingsView): Values => ({
  officialName: v.officialName,
  letterhead: v.letterhead,
  docNumberPrefix: v.docNumberPrefix,
  nextNumber: v.nextNumber,
  contactName: v.contactName ?? '',
  contactPhone: v.contactPhone ?? '',
  documentDate: v.documentDate ? dayjs(v.documentDate) : null,
});

const toInput = (v: Values): LetterSettingsInput => ({
  officialName: v.officialName.trim(),
  letterhead: v.letterhead.trim(),
  docNumberPrefix: v.docNumberPrefix.trim(),
  nextNumber: v.nextNumber,
  contactName: v.contactName.trim() || null,
  contactPhone: v.contactPhone.trim() || null,
  documentDate: v.documentDate ? v.documentDate.format('YYYY-MM-DD') : null,
});

/**
 * How the city's 推荐文件 is issued as a 公文: the name it signs with, the red 发文机关标志, the 发文字号 (its
 * 代字 and the next number, taken when the package is submitted), the 成文日期 and the 附注 contact.
 */
export function LetterSettingsCard() {
  const queryClient = useQueryClient();
  const batch = useOfficialBatch();
  const settings = useQuery(queries.letterSettings(batch));
  const [form] = Form.useForm<Values>();
  const { busy, refusal, clearRefusal, run } = useAction({
    action: (input: LetterSettingsInput) => cityPackageApi.saveLetterSettings(input, batch),
    success: '公文设置已保存',
    onDone: (saved) => queryClient.setQueryData(queryKeys.letterSettings(batch), saved),
    fieldErrors: { form, fields: FIELDS },
  });
  const data = settings.data;
  useEffect(() => {
    if (data) form.setFieldsValue(toValues(data));
  }, [data, form]);

  const loadFailure = failureOf(settings);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  if (!data) return <Spin description="正在加载公文设置…" />;
  return (
    <Card size="small" className="form-card" title="推荐文件公文设置" data-testid="letter-settings">
      <Typography.Paragraph type="secondary">
        推荐文件按《党政机关公文格式》（GB/T 9704—2012）信函格式生成。发文字号在报送省厅时编号（下一份为
        <Typography.Text strong data-testid="next-doc-number">
          {' '}
          {data.nextDocNumber}
        </Typography.Text>
        ），编号不会重复使用；成文日期不填则为报送当日。
      </Typography.Paragraph>
      {refusal && <RefusalAlert refusal={refusal} onClose={clearRefusal} />}
      <Form
        form={form}
        name="letterSettings"
        layout="vertical"
        requiredMark={false}
        initialValues={toValues(data)}
        onFinish={(v) => void run(toInput(v))}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="officialName"
              label="发文机关署名"
              extra="落款处的机关全称"
              rules={[zodRule(shape.officialName)]}
            >
              <Input maxLength={maxLengthOf(shape.officialName)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="letterhead"
              label="发文机关标志"
              extra="首页红色版头，机关全称或规范化简称"
              rules={[zodRule(shape.letterhead)]}
            >
              <Input maxLength={maxLengthOf(shape.letterhead)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="docNumberPrefix"
              label="发文机关代字"
              extra={`如“洛工信函”，发文字号形如 洛工信函〔${data.year}〕1号`}
              rules={[zodRule(shape.docNumberPrefix)]}
            >
              <Input maxLength={maxLengthOf(shape.docNumberPrefix)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="nextNumber"
              label={`下一发文序号（${data.year}年）`}
              extra={
                data.minNextNumber > 1
                  ? `本系统已编至 ${data.minNextNumber - 1} 号，不能回退`
                  : '本机关已手工编号的，可调至其后'
              }
              rules={[{ required: true, message: '请填写下一发文序号' }]}
            >
              <InputNumber min={data.minNextNumber} max={9999} precision={0} className="full-width" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="documentDate"
              label="成文日期"
              extra={data.documentDateLocked ? '已报送，成文日期已确定' : '不填则为报送当日'}
            >
              <DatePicker
                format="YYYY年M月D日"
                className="full-width"
                placeholder="报送当日"
                disabled={data.documentDateLocked}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label="联系人（附注）" rules={[zodRule(shape.contactName)]}>
              <Input maxLength={maxLengthOf(shape.contactName)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="contactPhone"
              label="联系电话（附注）"
              rules={[{ validator: async (_r, v: string) => phoneCheck(v) }]}
            >
              <Input maxLength={PHONE_MAX_LENGTH} />
            </Form.Item>
          </Col>
        </Row>
        <Button htmlType="submit" loading={busy} data-testid="save-letter-settings">
          保存公文设置
        </Button>
      </Form>
    </Card>
  );
}

/** An empty phone is allowed (no 附注); a given one must be a phone. */
async function phoneCheck(value: string | undefined): Promise<void> {
  if (!value?.trim()) return;
  const result = letterSettingsInputSchema.shape.contactPhone.safeParse(value.trim());
  if (!result.success) throw new Error(result.error.issues[0]?.message ?? '格式不正确');
}
