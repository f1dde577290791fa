import { useQuery } from '@tanstack/react-query';
import { Descriptions, Form, Input, Modal, Segmented, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { accountStates, applicantTransferInputSchema, type OneTimePasswordView } from '#contract';
import { ApiError } from '../../api/client';
import { applicantAccountApi } from '../../api/endpoints';
import { queries } from '../../app/queries';
import { formatDateTime } from '../common/format';
import { fieldsOf, maxLengthOf, PHONE_MAX_LENGTH } from '../common/schemaRules';
import { useAction } from '../common/useAction';
import { zodRule } from '../common/zodRule';
import { RefusalAlert } from '../common/RefusalAlert';

type Mode = 'reset' | 'transfer';

interface AccountValues {
  verifiedBy: string;
  contactName?: string;
  contactPhone?: string;
}

const FIELDS = fieldsOf(applicantTransferInputSchema);
const shape = applicantTransferInputSchema.shape;

interface ApplicantAccountDialogProps {
  unitId: string | null;
  onClose: () => void;
  onIssued: (issued: OneTimePasswordView, title: string) => void;
}

/**
 * The applicant unit's account, for its city: after checking who is asking (a call back to the phone on
 * record, a sealed letter), reset its password, or transfer it to the unit's new contact person. Either
 * gives a one-time password and ends the account's sessions; the check is kept in the audit log.
 */
export function ApplicantAccountDialog({ unitId, onClose, onIssued }: ApplicantAccountDialogProps) {
  const [form] = Form.useForm<AccountValues>();
  const [mode, setMode] = useState<Mode>('reset');
  const accountQuery = useQuery({ ...queries.applicantAccount(unitId ?? ''), enabled: unitId !== null });
  const account = unitId === null ? undefined : accountQuery.data;
  const loadError = unitId === null ? null : accountQuery.error;
  const { busy, refusal, clearRefusal, run } = useAction({
    action: ({ unitId: unit, values }: { unitId: string; values: AccountValues }) =>
      mode === 'reset'
        ? applicantAccountApi.resetPassword(unit, values.verifiedBy.trim())
        : applicantAccountApi.transfer(unit, {
            contactName: values.contactName!.trim(),
            contactPhone: values.contactPhone!.trim(),
            verifiedBy: values.verifiedBy.trim(),
          }),
    success: mode === 'reset' ? '已重置密码' : '已移交账号',
    onDone: (issued) => onIssued(issued, mode === 'reset' ? '申报单位密码已重置' : '账号已移交新联系人'),
    fieldErrors: { form, fields: FIELDS },
  });

  /** Each opening starts with a reset: a transfer is the exception. */
  const [openedFor, setOpenedFor] = useState(unitId);
  if (openedFor !== unitId) {
    setOpenedFor(unitId);
    setMode('reset');
  }

  const send = (values: AccountValues) =>
    unitId !== null && void run({ unitId, values }).then((done) => done && onClose());

  return (
    <Modal
      open={unitId !== null}
      title="申报单位账号"
      okText={mode === 'reset' ? '重置密码' : '移交账号'}
      okButtonProps={{ loading: busy, disabled: !account }}
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      {loadError && (
        <RefusalAlert
          refusal={{
            code: loadError instanceof ApiError ? loadError.code : 'UNKNOWN',
            title: loadError.message,
            message: '',
          }}
        />
      )}
      {!account && !loadError && <Spin className="page-spin" />}
      {account && (
        <>
          <Descriptions column={2} size="small" bordered className="form-alert">
            <Descriptions.Item label="单位" span={2}>
              {account.unitName}
            </Descriptions.Item>
            <Descriptions.Item label="用户名">
              <span className="mono">{account.username}</span>
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag>{accountStates[account.state]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="联系人">{account.contactName}</Descriptions.Item>
            <Descriptions.Item label="联系电话">
              <span className="mono">{account.contactPhone}</span>
            </Descriptions.Item>
            <Descriptions.Item label="最近登录" span={2}>
              {account.lastLoginAt ? formatDateTime(account.lastLoginAt) : '从未登录'}
            </Descriptions.Item>
          </Descriptions>
          <Segmented<Mode>
            block
            value={mode}
            onChange={(next) => {
              setMode(next);
              clearRefusal();
            }}
            options={[
              { value: 'reset', label: '忘记密码：重置' },
              { value: 'transfer', label: '联系人变更：移交账号' },
            ]}
          />
          <Typography.Paragraph type="secondary" className="card-note">
            {mode === 'reset'
              ? '请先核实来电或来函者确为该单位联系人（如回拨上方登记的电话、核对统一社会信用代码）。重置后生成一次性密码，原密码失效，该账号的登录全部退出。'
              : '请凭单位盖章的联系人变更函办理。移交后联系人改为新联系人，生成一次性密码交给新联系人，原联系人的登录全部退出。'}
          </Typography.Paragraph>
          {refusal && <RefusalAlert refusal={refusal} />}
          <Form<AccountValues>
            form={form}
            name="applicant-account"
            layout="vertical"
            requiredMark={false}
            onFinish={send}
          >
            {mode === 'transfer' && (
              <>
                <Form.Item
                  name="contactName"
                  label="新联系人"
                  rules={[{ required: true, whitespace: true, message: '须填写' }, zodRule(shape.contactName)]}
                >
                  <Input maxLength={maxLengthOf(shape.contactName)} />
                </Form.Item>
                <Form.Item
                  name="contactPhone"
                  label="新联系人电话"
                  rules={[{ required: true, message: '须填写' }, zodRule(shape.contactPhone)]}
                >
                  <Input maxLength={PHONE_MAX_LENGTH} />
                </Form.Item>
              </>
            )}
            <Form.Item
              name="verifiedBy"
              label="身份核实方式"
              extra="记入审计日志"
              rules={[{ required: true, whitespace: true, message: '须填写核实方式' }, zodRule(shape.verifiedBy)]}
            >
              <Input.TextArea
                rows={2}
                maxLength={maxLengthOf(shape.verifiedBy)}
                showCount
                placeholder={
                  mode === 'reset'
                    ? '如：回拨登记电话 138****0000，核对了统一社会信用代码'
                    : '如：收到单位盖章的联系人变更函（编号 …）'
                }
              />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
