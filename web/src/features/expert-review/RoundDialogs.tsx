import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import type { ExpertView, ReviewRoundView } from '#contract';
import { reviewRoundApi } from '../../api/expert-review-api';
import { RefusalAlert } from '../common/RefusalAlert';
import { useAction } from '../common/useAction';

type RoundApplication = ReviewRoundView['applications'][number];

interface ExclusionValues {
  requests: { expertId: string; accepted: boolean; reason: string }[];
}

/** 申请回避: the experts an applicant asked to exclude for one application, with the province's decision and reason. */
export function ExclusionsDialog({
  round,
  application,
  experts,
  onClose,
  onSaved,
}: {
  round: ReviewRoundView;
  application: RoundApplication;
  experts: ExpertView[];
  onClose: () => void;
  onSaved: (round: ReviewRoundView) => void;
}) {
  const [form] = Form.useForm<ExclusionValues>();
  const { busy, refusal, run } = useAction({
    action: (values: ExclusionValues) =>
      reviewRoundApi.exclusions(round.id, application.applicationId, {
        requests: (values.requests ?? []).map((r) => ({ ...r, reason: r.reason.trim() })),
      }),
    success: '回避申请及决定已记录',
    onDone: onSaved,
  });
  const max = round.settings.conflicts.requestedExclusions.maxPerApplication;
  return (
    <Modal
      open
      width={760}
      title={`申请回避：${application.unitName}`}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {`记录申报单位申请回避的专家（每件最多${max}名）和省厅的决定；同意的在抽取时回避，不同意的须写明理由。`}
      </Typography.Paragraph>
      {refusal && <RefusalAlert refusal={refusal} />}
      <Form<ExclusionValues>
        form={form}
        name="exclusions"
        layout="vertical"
        requiredMark={false}
        initialValues={{
          requests: application.exclusions.map((e) => ({
            expertId: e.expertId,
            accepted: e.accepted,
            reason: e.reason,
          })),
        }}
        onFinish={(values) => void run(values).then((done) => done && onClose())}
      >
        <Form.List name="requests">
          {(items, { add, remove }) => (
            <>
              {items.map((item, n) => (
                <div key={item.key} className="exclusion-row" data-testid="exclusion-row">
                  <Form.Item
                    name={[item.name, 'expertId']}
                    label={`第${n + 1}名专家`}
                    rules={[{ required: true, message: '须选择' }]}
                  >
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      options={experts.map((e) => ({ value: e.id, label: `${e.name}（${e.unitName}）` }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, 'accepted']}
                    label="决定"
                    rules={[{ required: true, message: '须选择' }]}
                  >
                    <Radio.Group
                      options={[
                        { value: true, label: '同意回避' },
                        { value: false, label: '不同意' },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, 'reason']}
                    label="理由"
                    className="exclusion-reason"
                    rules={[{ required: true, whitespace: true, message: '须填写理由' }]}
                  >
                    <Input maxLength={500} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={`删除第${n + 1}名专家`}
                    onClick={() => remove(item.name)}
                  />
                </div>
              ))}
              <Button icon={<PlusOutlined />} disabled={items.length >= max} onClick={() => add()}>
                添加申请回避的专家
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

interface ReplacementValues {
  groupNumber: number;
  expertId: string;
  reason: string;
}

/** 替换专家: an expert leaves a group with the reason; the server draws the replacement, never chosen. */
export function ReplacementDialog({
  round,
  onClose,
  onSaved,
}: {
  round: ReviewRoundView;
  onClose: () => void;
  onSaved: (round: ReviewRoundView) => void;
}) {
  const [form] = Form.useForm<ReplacementValues>();
  const groupNumber = Form.useWatch('groupNumber', form);
  const group = round.groups.find((g) => g.number === groupNumber);
  const { busy, refusal, run } = useAction({
    action: (values: ReplacementValues) =>
      reviewRoundApi.replace(round.id, { ...values, reason: values.reason.trim() }),
    success: '已随机抽取替补专家',
    onDone: onSaved,
  });
  return (
    <Modal
      open
      title="替换专家"
      okText="替换并随机抽取"
      cancelText="取消"
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        被替换的专家离开该组；替补专家由系统按同一回避规则和评审上限随机抽取，不能指定。
      </Typography.Paragraph>
      {refusal && <RefusalAlert refusal={refusal} />}
      <Form<ReplacementValues>
        form={form}
        name="replacement"
        layout="vertical"
        requiredMark={false}
        initialValues={{ groupNumber: round.groups[0]?.number }}
        onFinish={(values) => void run(values).then((done) => done && onClose())}
      >
        <Form.Item name="groupNumber" label="评审组" rules={[{ required: true, message: '须选择' }]}>
          <Select
            options={round.groups.map((g) => ({ value: g.number, label: `第${g.number}组` }))}
            onChange={() => form.setFieldValue('expertId', undefined)}
          />
        </Form.Item>
        <Form.Item name="expertId" label="被替换的专家" rules={[{ required: true, message: '须选择' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(group?.experts ?? []).map((e) => ({ value: e.expertId, label: e.name }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="替换理由"
          rules={[{ required: true, whitespace: true, message: '须填写替换理由' }]}
        >
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
