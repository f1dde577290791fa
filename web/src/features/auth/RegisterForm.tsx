import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Col, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { registerInputSchema, type Region, type RegisterInput, type SessionView } from '#contract';
import { ApiError } from '../../api/client';
import { sessionApi } from '../../api/endpoints';
import { fieldName, showServerFieldErrors } from '../common/formErrors';
import { fieldsOf, maxLengthOf, PHONE_MAX_LENGTH, USCC_LENGTH, USERNAME_MAX_LENGTH } from '../common/schemaRules';
import { zodRule } from '../common/zodRule';
import { newPasswordRules, repeatedPasswordRules } from './passwordRules';

type RegisterValues = RegisterInput & { passwordAgain: string };

const FIELDS = fieldsOf(registerInputSchema);
const shape = registerInputSchema.shape;
/** Refusals that concern one field although they come without a field list. */
const CODE_FIELDS: Record<string, keyof typeof shape> = {
  UNIT_ALREADY_REGISTERED: 'uscc',
  USERNAME_TAKEN: 'username',
  USCC_INVALID: 'uscc',
};
const PASSWORD_HINT = '至少8位，含大写、小写、数字、符号中至少三类';

/** The form's fields in their order on the page, for the error summary. */
const FIELD_ORDER: readonly (keyof RegisterValues)[] = [
  'unitName',
  'uscc',
  'regionCode',
  'contactName',
  'contactPhone',
  'username',
  'password',
  'passwordAgain',
];
const labelOf = (field: string) => (field === 'passwordAgain' ? '确认密码' : fieldName(field));

interface FieldProblem {
  field: keyof RegisterValues;
  message: string;
}

/**
 * Above the form after a submission that did not go through: every field still in error, in page order,
 * each a link to its field. It shrinks as the fields are put right.
 */
function ErrorSummary({
  problems,
  onGoTo,
}: {
  problems: FieldProblem[];
  onGoTo: (field: keyof RegisterValues) => void;
}) {
  return (
    <Alert
      type="error"
      showIcon
      className="form-alert"
      data-testid="register-error-summary"
      title={`有 ${problems.length} 项需要修改`}
      description={
        <ul>
          {problems.map((p) => (
            <li key={p.field}>
              <Button type="link" onClick={() => onGoTo(p.field)} className="inline-link">
                {labelOf(p.field)}：{p.message}
              </Button>
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** A region another authority recommends (航空港区 → 郑州 under the open batch's routing): say so. */
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
  const [refusal, setRefusal] = useState<string | null>(null);
  /** Shown once a submission failed (by the form's rules or the server's): null until then. */
  const [problems, setProblems] = useState<FieldProblem[] | null>(null);

  const fieldProblems = (): FieldProblem[] =>
    FIELD_ORDER.flatMap((field) => {
      const [message] = form.getFieldError(field);
      return message ? [{ field, message }] : [];
    });
  const goTo = (field: keyof RegisterValues) => {
    form.scrollToField(field, { block: 'center' });
    form.focusField(field);
  };

  const register = useMutation({
    mutationFn: ({ passwordAgain: _again, ...input }: RegisterValues) =>
      sessionApi.register({ ...input, uscc: input.uscc.replace(/\s+/g, '').toUpperCase() }),
    onMutate: () => setRefusal(null),
    onSuccess: onRegistered,
    onError: (error) => {
      if (!(error instanceof ApiError)) {
        setRefusal('注册失败，请稍后再试');
        return;
      }
      const codeField = CODE_FIELDS[error.code];
      const problems = error.body.errors ?? (codeField ? [{ field: codeField, message: error.message }] : []);
      const unplaced = showServerFieldErrors(form, problems, FIELDS);
      setProblems(fieldProblems());
      if (problems.length === 0 || unplaced.length > 0) {
        setRefusal([error.message, ...unplaced.map((p) => `${fieldName(p.field)}：${p.message}`)].join('；'));
      }
    },
  });

  return (
    <Form<RegisterValues>
      form={form}
      name="register"
      layout="vertical"
      onFinish={(values) => {
        setProblems(null);
        register.mutate(values);
      }}
      onFinishFailed={() => setProblems(fieldProblems())}
      onFieldsChange={() => problems && setProblems(fieldProblems())}
      requiredMark="optional"
    >
      {refusal && <Alert type="error" showIcon title={refusal} className="form-alert" />}
      {problems && problems.length > 0 && <ErrorSummary problems={problems} onGoTo={goTo} />}
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item
            name="unitName"
            validateFirst
            label="运营单位名称"
            extra="与营业执照一致"
            rules={[{ required: true, message: '须填写' }, zodRule(shape.unitName)]}
          >
            <Input maxLength={maxLengthOf(shape.unitName)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="uscc"
            validateFirst
            label="统一社会信用代码"
            rules={[
              { required: true, message: '须填写' },
              { len: USCC_LENGTH, message: `须为${USCC_LENGTH}位` },
            ]}
            normalize={(v: string) => v.toUpperCase()}
          >
            <Input maxLength={USCC_LENGTH} className="mono" />
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
            validateFirst
            label="联系人"
            rules={[{ required: true, message: '须填写' }, zodRule(shape.contactName)]}
          >
            <Input maxLength={maxLengthOf(shape.contactName)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="contactPhone"
            validateFirst
            label="联系电话"
            rules={[{ required: true, message: '须填写' }, zodRule(shape.contactPhone)]}
          >
            <Input maxLength={PHONE_MAX_LENGTH} placeholder="手机号或 0371-65507615" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="username"
            validateFirst
            label="用户名"
            extra="3–64位字母、数字或 _ . @ -"
            rules={[{ required: true, message: '须填写' }, zodRule(shape.username)]}
          >
            <Input autoComplete="username" maxLength={USERNAME_MAX_LENGTH} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="password" label="密码" extra={PASSWORD_HINT} rules={newPasswordRules} validateFirst>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="passwordAgain"
            validateFirst
            label="确认密码"
            dependencies={['password']}
            rules={repeatedPasswordRules('password', '请再次输入密码')}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" size="large" loading={register.isPending}>
        注册并开始申报
      </Button>
    </Form>
  );
}
