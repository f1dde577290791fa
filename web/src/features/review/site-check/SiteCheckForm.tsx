import { Card, Col, Form, Input, Radio, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { siteCheckInputSchema, type SiteCheckInput } from '#contract';
import { reviewApi } from '../../../api/endpoints';
import { RefusalAlert } from '../../common/RefusalAlert';
import { fieldsOf, maxLengthOf } from '../../common/schemaRules';
import { useAction } from '../../common/useAction';
import { PastDatePicker } from '../../common/PastDatePicker';
import { OfficialsSelect } from '../OfficialsSelect';
import { RecordForm, type RecordProps } from '../RecordForm';
import { RecordedAt } from '../RecordedAt';

const conclusions = {
  consistent: '属实（与申报材料一致）',
  inconsistent: '不属实（与申报材料不一致）',
} as const;

interface SiteCheckValues {
  checkedOn: Dayjs | null;
  officials: string[];
  findings: string;
  conclusion: SiteCheckInput['conclusion'] | undefined;
}

const FIELDS = fieldsOf(siteCheckInputSchema);

/** The site check's record: date, officials, findings, conclusion. */
export function SiteCheckForm({ view, editable, onView }: RecordProps) {
  const [form] = Form.useForm<SiteCheckValues>();
  const {
    busy: saving,
    refusal,
    run: save,
  } = useAction({
    action: (input: SiteCheckInput) => reviewApi.saveSiteCheck(view.applicationId, input),
    success: '现场核查记录已保存',
    onDone: onView,
    fieldErrors: { form, fields: FIELDS },
  });
  const recorded = view.siteCheck;
  const initialValues: SiteCheckValues = {
    checkedOn: recorded ? dayjs(recorded.checkedOn) : null,
    officials: recorded?.officials ?? [],
    findings: recorded?.findings ?? '',
    conclusion: recorded?.conclusion,
  };
  const submit = (values: SiteCheckValues) =>
    void save({
      checkedOn: values.checkedOn!.format('YYYY-MM-DD'),
      officials: values.officials,
      findings: values.findings.trim(),
      conclusion: values.conclusion!,
    });
  return (
    <Card
      size="small"
      title="现场核查记录"
      className="form-card"
      extra={recorded && <RecordedAt at={recorded.recordedAt} />}
    >
      {refusal && <RefusalAlert refusal={refusal} />}
      <RecordForm<SiteCheckValues>
        form={form}
        name="siteCheck"
        initialValues={initialValues}
        editable={editable}
        saving={saving}
        saveLabel="保存现场核查记录"
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="checkedOn" label="核查日期" rules={[{ required: true, message: '请选择核查日期' }]}>
              <PastDatePicker />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="officials"
              label="参加核查人员"
              rules={[{ required: true, type: 'array', min: 1, message: '至少填写一人' }]}
            >
              <OfficialsSelect />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="findings"
          label="核查情况"
          rules={[{ required: true, whitespace: true, message: '请填写核查情况' }]}
        >
          <Input.TextArea
            rows={5}
            maxLength={maxLengthOf(siteCheckInputSchema.shape.findings)}
            showCount
            placeholder="场地、人员、设备、服务台账等与申报材料的核对情况"
          />
        </Form.Item>
        <Form.Item name="conclusion" label="核查结论" rules={[{ required: true, message: '请选择核查结论' }]}>
          <Radio.Group
            options={(Object.keys(conclusions) as (keyof typeof conclusions)[]).map((value) => ({
              value,
              label: conclusions[value],
            }))}
          />
        </Form.Item>
      </RecordForm>
    </Card>
  );
}
