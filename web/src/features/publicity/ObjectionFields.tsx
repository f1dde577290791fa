import { Form, Input, Select } from 'antd';
import { objectionContactSchema, objectionInputSchema } from '#contract';
import { maxLengthOf } from '../common/schemaRules';
import { zodRule } from '../common/zodRule';

/** The objection's fields, online and on paper: 实名, an ID-free contact, the platform and the grounds. */
export function ObjectionFields({
  candidates,
}: {
  candidates: { id: string; platformName: string; unitName: string }[];
}) {
  return (
    <>
      <Form.Item
        name="name"
        label="姓名或单位名称"
        extra="异议须实名提出；单位提出的，请写明单位名称和联系人。"
        rules={[{ required: true, whitespace: true, message: '须填写' }]}
      >
        <Input maxLength={maxLengthOf(objectionInputSchema.shape.name)} autoComplete="name" />
      </Form.Item>
      <Form.Item
        name="contact"
        label="联系方式"
        extra="手机号、座机号或电子邮箱，用于告知处理结果。不要填写身份证号。"
        rules={[zodRule(objectionContactSchema)]}
      >
        <Input maxLength={100} autoComplete="tel" />
      </Form.Item>
      <Form.Item
        name="candidateId"
        label="异议涉及的平台"
        rules={[{ required: true, message: '请选择异议涉及的平台' }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="请选择"
          options={candidates.map((c) => ({ value: c.id, label: `${c.platformName}（${c.unitName}）` }))}
        />
      </Form.Item>
      <Form.Item
        name="grounds"
        label="异议理由"
        extra="请写明具体事实和理由。"
        rules={[{ required: true, whitespace: true, message: '须填写' }]}
      >
        <Input.TextArea rows={6} maxLength={maxLengthOf(objectionInputSchema.shape.grounds)} showCount />
      </Form.Item>
    </>
  );
}
