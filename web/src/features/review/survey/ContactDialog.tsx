import { App, Col, Form, Input, Modal, Radio, Row, Typography } from 'antd';
import {
  mobileOrLandline,
  ratings,
  surveyContactInputSchema,
  type Rating,
  type ReviewView,
  type SurveyContactInput,
  type SurveyContactView,
} from '#contract';
import { reviewApi } from '../../../api/endpoints';
import { RefusalAlert } from '../../common/RefusalAlert';
import { fieldsOf, maxLengthOf, PHONE_MAX_LENGTH } from '../../common/schemaRules';
import { useAction } from '../../common/useAction';
import { zodRule } from '../../common/zodRule';

interface ContactValues {
  outcome: 'completed' | 'unreachable';
  interviewee?: string;
  position?: string;
  phone?: string;
  rating?: Rating;
  note?: string;
}

/** The record of a completed survey: every field the dialog has. */
const [completed] = surveyContactInputSchema.options;
const FIELDS = fieldsOf(completed);

function toInput(v: ContactValues): SurveyContactInput {
  if (v.outcome === 'unreachable') return { outcome: 'unreachable', note: (v.note ?? '').trim() };
  return {
    outcome: 'completed',
    interviewee: (v.interviewee ?? '').trim(),
    position: (v.position ?? '').trim(),
    phone: (v.phone ?? '').trim(),
    rating: v.rating!,
    note: (v.note ?? '').trim(),
  };
}

interface ContactDialogProps {
  view: ReviewView;
  contact: SurveyContactView;
  disclosedPhone: string | undefined;
  onClose: () => void;
  onView: (v: ReviewView) => void;
}

/** The outcome of one call or visit; an unreachable enterprise is replaced by the server from the draw order. */
export function ContactDialog({ view, contact, disclosedPhone, onClose, onView }: ContactDialogProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactValues>();
  const outcome = Form.useWatch('outcome', form);
  const {
    busy: saving,
    refusal,
    run: save,
  } = useAction({
    action: (input: SurveyContactInput) =>
      reviewApi.recordSurveyContact(view.applicationId, contact.rosterRowNo, input),
    success: '测评结果已记录',
    onDone: (updated) => {
      onView(updated);
      const before = new Set(view.survey?.contacts.map((c) => c.rosterRowNo));
      const added = updated.survey?.contacts.filter((c) => !before.has(c.rosterRowNo)) ?? [];
      added.forEach((c) =>
        message.info(`由抽取顺序中的下一家替补：${c.enterpriseName}（名单第 ${c.rosterRowNo} 行）`, 6),
      );
    },
    fieldErrors: { form, fields: FIELDS },
  });
  const initial: ContactValues =
    contact.outcome === 'completed'
      ? {
          outcome: 'completed',
          interviewee: contact.interviewee ?? '',
          position: contact.position ?? '',
          // Recorded phones come back masked: a change asks for the number again.
          phone: contact.phone?.includes('*') ? '' : (contact.phone ?? ''),
          rating: contact.rating ?? undefined,
          note: contact.note ?? '',
        }
      : contact.outcome === 'unreachable'
        ? { outcome: 'unreachable', note: contact.note ?? '' }
        : {
            outcome: 'completed',
            interviewee: contact.rosterContactName,
            position: '',
            phone: disclosedPhone ?? '',
            note: '',
          };
  const submit = (values: ContactValues) => void save(toInput(values)).then((ok) => ok && onClose());
  return (
    <Modal
      open
      title={`测评记录：${contact.enterpriseName}`}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: saving }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      className="contact-dialog"
    >
      <Typography.Paragraph type="secondary">
        名单第 {contact.rosterRowNo} 行 · 抽取顺序第 {contact.drawPosition} 位 · 名单联系人 {contact.rosterContactName}
      </Typography.Paragraph>
      {refusal && <RefusalAlert refusal={refusal} />}
      <Form<ContactValues>
        form={form}
        name="surveyContact"
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        requiredMark={false}
      >
        <Form.Item name="outcome" label="测评情况">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'completed', label: '已完成测评' },
              { value: 'unreachable', label: '无法联系' },
            ]}
          />
        </Form.Item>
        {outcome !== 'unreachable' && (
          <>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item
                  name="interviewee"
                  label="被访人员姓名"
                  rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
                >
                  <Input maxLength={maxLengthOf(completed.shape.interviewee)} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="position"
                  label="职务"
                  rules={[{ required: true, whitespace: true, message: '请填写职务' }]}
                >
                  <Input maxLength={maxLengthOf(completed.shape.position)} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="phone"
              label="联系电话"
              rules={[zodRule(mobileOrLandline)]}
              extra="手机号或座机号（如 0379-65501234）"
            >
              <Input maxLength={PHONE_MAX_LENGTH} />
            </Form.Item>
            <Form.Item
              name="rating"
              label="对所受服务的总体评价"
              rules={[{ required: true, message: '请选择总体评价' }]}
            >
              <Radio.Group
                options={(Object.keys(ratings) as Rating[]).map((value) => ({ value, label: ratings[value] }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="note"
          label={outcome === 'unreachable' ? '无法联系的情况' : '备注（可不填）'}
          rules={
            outcome === 'unreachable'
              ? [{ required: true, whitespace: true, message: '请说明联系情况，如拨打时间和次数' }]
              : []
          }
          extra={outcome === 'unreachable' ? '保存后由抽取顺序中的下一家企业自动替补。' : undefined}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={maxLengthOf(completed.shape.note)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
