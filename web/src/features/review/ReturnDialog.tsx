import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Select, Typography } from 'antd';
import { returnInputSchema, verdicts, type ReviewView } from '#contract';
import { reviewApi } from '../../api/endpoints';
import { maxLengthOf } from '../common/schemaRules';
import { useAction } from '../common/useAction';
import { RefusalAlert } from '../common/RefusalAlert';

const GENERAL = '__general__';

interface ReturnValues {
  summary: string;
  remarks: { itemKey: string; message: string }[];
}

/** Items found 不符合 or 存疑 become the first remarks; the official edits, adds or removes them. */
function initialRemarks(view: ReviewView): ReturnValues['remarks'] {
  return view.items
    .filter((i) => i.finding && i.finding.verdict !== 'pass')
    .map((i) => ({ itemKey: i.itemKey, message: i.finding!.remark || `${i.label}：${verdicts[i.finding!.verdict]}` }));
}

interface ReturnDialogProps {
  open: boolean;
  view: ReviewView;
  onClose: () => void;
  onView: (view: ReviewView) => void;
}

/** 退回修改: a summary and itemised remarks the applicant sees on the form. */
export function ReturnDialog({ open, view, onClose, onView }: ReturnDialogProps) {
  const [form] = Form.useForm<ReturnValues>();
  const {
    busy: sending,
    refusal,
    run,
  } = useAction({
    action: ({ summary, remarks }: { summary: string; remarks: { itemKey: string | null; message: string }[] }) =>
      reviewApi.returnForRevision(view.applicationId, summary, remarks),
    success: '已退回申报单位修改',
    onDone: onView,
  });
  const itemOptions = [
    { value: GENERAL, label: '总体意见（不针对具体审核项）' },
    ...view.items.map((i) => ({
      value: i.itemKey,
      label: i.kind === 'evidence' ? `${i.label}（${String(i.claimed ?? '')}）` : i.label,
    })),
  ];

  const send = (values: ReturnValues) => {
    const remarks = (values.remarks ?? []).map((r) => ({
      itemKey: r.itemKey === GENERAL ? null : r.itemKey,
      message: r.message.trim(),
    }));
    return run({ summary: values.summary.trim(), remarks }).then((done) => done && onClose());
  };

  return (
    <Modal
      open={open}
      title="退回修改"
      width={760}
      okText="退回申报单位"
      okButtonProps={{ danger: true, loading: sending }}
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      className="return-dialog"
    >
      <Typography.Paragraph type="secondary">
        申报单位将在申报书中看到以下意见，修改后重新提交；每次提交的版本都会保留，重新提交后可查看改动。
      </Typography.Paragraph>
      {refusal && <RefusalAlert refusal={refusal} />}
      <Form<ReturnValues>
        form={form}
        name="return"
        layout="vertical"
        initialValues={{ summary: '', remarks: initialRemarks(view) }}
        onFinish={(values) => void send(values)}
        requiredMark={false}
      >
        <Form.Item
          name="summary"
          label="退回说明"
          rules={[{ required: true, whitespace: true, message: '请填写退回说明' }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={maxLengthOf(returnInputSchema.shape.summary)}
            showCount
            placeholder="概括需要修改的内容和要求"
          />
        </Form.Item>
        <Form.List name="remarks">
          {(fields, { add, remove }) => (
            <div className="return-remarks">
              <Typography.Text strong>逐项意见（{fields.length}）</Typography.Text>
              {fields.map((field, index) => (
                <div key={field.key} className="return-remark-row">
                  <Form.Item
                    name={[field.name, 'itemKey']}
                    className="return-remark-item"
                    rules={[{ required: true, message: '请选择审核项' }]}
                  >
                    <Select
                      options={itemOptions}
                      aria-label={`第${index + 1}条意见的审核项`}
                      showSearch={{ optionFilterProp: 'label' }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'message']}
                    className="return-remark-message"
                    rules={[{ required: true, whitespace: true, message: '请填写意见' }]}
                  >
                    <Input.TextArea
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      maxLength={maxLengthOf(returnInputSchema.shape.remarks.element.shape.message)}
                      aria-label={`第${index + 1}条意见`}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={`删除第${index + 1}条意见`}
                  />
                </div>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ itemKey: GENERAL, message: '' })}
                block
              >
                添加一条意见
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
