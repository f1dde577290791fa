import { Alert, Button, Col, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { passwordProblem, registerInputSchema, type RegisterInput, type SessionView } from '#contract';
import { ApiError } from '../../api/client';
import { sessionApi } from '../../api/endpoints';
import type { Region } from '../../api/types';
import { showServerFieldErrors } from '../common/formErrors';
import { zodRule } from '../common/zodRule';

type RegisterValues = RegisterInput & { passwordAgain: string };

const FIELDS = ['unitName', 'uscc', 'regionCode', 'contactName', 'contactPhone', 'username', 'password'] as const;
/** Refusals that concern one field although they come without a field list. */
const CODE_FIELDS: Record<string, (typeof FIELDS)[number]> = {
  UNIT_ALREADY_REGISTERED: 'uscc',
  USERNAME_TAKEN: 'username',
  USCC_INVALID: 'uscc',
};
const PASSWORD_HINT = '至少8位，含大写、小写、数字、符号中至少三类';

/** 航空港区 has no authority of its own: say where its applications go. */
function regionOptions(regions: readonly Region[]) {
  return regions.map((r) => ({
    value: r.code,
    label: r.authorityCode === r.code ? r.name : `${r.name} → 由${r.authorityName}推荐`,
  }));
}

export function RegisterForm({
  regions,
  onRegistered,
}: {
  regions: readonly Region[];
  onRegistered: (session: SessionView) => void;
}) {
  const [form] = Form.useForm<RegisterValues>();
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const shape = registerInputSchema.shape;

  const register = async ({ passwordAgain: _again, ...input }: RegisterValues) => {
    setPending(true);
    setRefusal(null);
    try {
      onRegistered(await sessionApi.register({ ...input, uscc: input.uscc.replace(/\s+/g, '').toUpperCase() }));
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setRefusal('注册失败，请稍后再试');
        return;
      }
      const codeField = CODE_FIELDS[error.code];
      const problems = error.body.errors ?? (codeField ? [{ field: codeField, message: error.message }] : []);
      const unplaced = showServerFieldErrors(form, problems, FIELDS);
      if (problems.length === 0 || unplaced.length > 0) {
        setRefusal([error.message, ...unplaced.map((p) => `${p.field}：${p.message}`)].join('；'));
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <Form<RegisterValues>
      form={form}
      name="register"
      layout="vertical"
      onFinish={(v) => void register(v)}
      requiredMark="optional"
    >
      {refusal && <Alert type="error" showIcon title={refusal} className="form-alert" />}
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item
            name="unitName"
            label="运营单位名称"
            extra="与营业执照一致"
            rules={[{ required: true, message: '须填写' }, zodRule(shape.unitName)]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="uscc"
            label="统一社会信用代码"
            rules={[
              { required: true, message: '须填写' },
              { len: 18, message: '须为18位' },
            ]}
            normalize={(v: string) => v.toUpperCase()}
          >
            <Input maxLength={18} className="mono" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="regionCode" label="所在地区" rules={[{ required: true, message: '须选择' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="请选择省辖市或示范区"
              options={regionOptions(regions)}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="contactName"
            label="联系人"
            rules={[{ required: true, message: '须填写' }, zodRule(shape.contactName)]}
          >
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="contactPhone"
            label="联系电话"
            rules={[{ required: true, message: '须填写' }, zodRule(shape.contactPhone)]}
          >
            <Input maxLength={20} placeholder="手机号或 0371-65507615" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="username"
            label="用户名"
            extra="3–64位字母、数字或 _ . @ -"
            rules={[{ required: true, message: '须填写' }, zodRule(shape.username)]}
          >
            <Input autoComplete="username" maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="password"
            label="密码"
            extra={PASSWORD_HINT}
            rules={[
              { required: true, message: '须填写' },
              {
                validator: async (_r, v: string | undefined) => {
                  const p = v ? passwordProblem(v) : null;
                  if (p) throw new Error(p);
                },
              },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="passwordAgain"
            label="确认密码"
            dependencies={['password']}
            rules={[
              { required: true, message: '请再次输入密码' },
              ({ getFieldValue }) => ({
                validator: async (_r, v: string | undefined) => {
                  if (v && v !== getFieldValue('password')) throw new Error('两次输入的密码不一致');
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" size="large" loading={pending}>
        注册并开始申报
      </Button>
    </Form>
  );
}
