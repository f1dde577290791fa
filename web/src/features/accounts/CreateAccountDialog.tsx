import { Form, Input, Modal, Select, Typography } from 'antd';
import {
  administeredRoles,
  createAccountInputSchema,
  roles,
  type AdministeredRole,
  type AuthoritySecurityView,
  type OneTimePasswordView,
} from '#contract';
import { accountAdminApi } from '../../api/endpoints';
import { fieldsOf, maxLengthOf } from '../common/schemaRules';
import { useAction } from '../common/useAction';
import { zodRule } from '../common/zodRule';
import { RefusalAlert } from '../common/RefusalAlert';

interface CreateValues {
  username: string;
  displayName: string;
  role: AdministeredRole;
  authorityCode?: string;
  expertId?: string;
}

const FIELDS = fieldsOf(createAccountInputSchema);
const shape = createAccountInputSchema.shape;

const ROLE_HINTS: Record<AdministeredRole, string> = {
  province: '审阅全省申报、管理各市报送',
  city: '审核并推荐本市（主管部门）的申报',
  sysadmin: '管理账号和各市的双因素要求',
  secadmin: '解锁账号、重置动态口令',
  auditadmin: '查阅并校验审计日志',
  expert: '盲审抽到本人的申报材料（须对应专家库中的专家）',
};

interface CreateAccountDialogProps {
  open: boolean;
  cities: AuthoritySecurityView[];
  onClose: () => void;
  onCreated: (issued: OneTimePasswordView) => void;
}

/** 新建账号: a user name, a name, a role and, for a city official, the city authority. */
export function CreateAccountDialog({ open, cities, onClose, onCreated }: CreateAccountDialogProps) {
  const [form] = Form.useForm<CreateValues>();
  const role = Form.useWatch('role', form);
  const { busy, refusal, run } = useAction({
    action: (values: CreateValues) =>
      accountAdminApi.create({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        role: values.role,
        authorityCode: values.role === 'city' ? (values.authorityCode ?? null) : null,
        expertId: values.role === 'expert' ? (values.expertId?.trim() ?? null) : null,
      }),
    success: '账号已创建',
    onDone: onCreated,
    fieldErrors: { form, fields: FIELDS },
  });

  const create = (values: CreateValues) => run(values).then((done) => done && onClose());

  return (
    <Modal
      open={open}
      title="新建账号"
      okText="创建"
      okButtonProps={{ loading: busy }}
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        系统生成一次性密码，只显示一次；本人首次登录后须修改。申报单位账号由单位自行注册，不在此创建。
      </Typography.Paragraph>
      {refusal && <RefusalAlert refusal={refusal} />}
      <Form<CreateValues>
        form={form}
        name="create-account"
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => void create(values)}
        initialValues={{ role: 'city' }}
      >
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select
            options={administeredRoles.map((r) => ({ value: r, label: `${roles[r]}（${ROLE_HINTS[r]}）` }))}
            onChange={() => form.setFieldsValue({ authorityCode: undefined, expertId: undefined })}
          />
        </Form.Item>
        {role === 'city' && (
          <Form.Item
            name="authorityCode"
            label="所属主管部门"
            rules={[{ required: true, message: '请选择所属主管部门' }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="18个省辖市（济源示范区）主管部门"
              options={cities.map((c) => ({ value: c.code, label: c.name }))}
            />
          </Form.Item>
        )}
        {role === 'expert' && (
          <Form.Item
            name="expertId"
            label="专家编号"
            extra="省工信厅在“专家库”页面每位专家的“专家编号”一栏显示并可复制；一位专家只能有一个账号"
            rules={[{ required: true, whitespace: true, message: '须填写专家编号' }, zodRule(shape.expertId)]}
          >
            <Input autoComplete="off" className="mono" placeholder="如 3f2a…（36位）" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label="姓名或名称"
          extra="列表和审计日志中显示，如“洛阳市工信局 张科长”"
          rules={[{ required: true, whitespace: true, message: '须填写' }, zodRule(shape.displayName)]}
        >
          <Input maxLength={maxLengthOf(shape.displayName)} />
        </Form.Item>
        <Form.Item
          name="username"
          label="用户名"
          extra="3–64位字母、数字或 _ . @ -，创建后不能修改"
          rules={[{ required: true, whitespace: true, message: '须填写' }, zodRule(shape.username)]}
        >
          <Input autoComplete="off" className="mono" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
