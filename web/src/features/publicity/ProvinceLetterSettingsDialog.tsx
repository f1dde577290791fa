import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal, Spin, Typography } from 'antd';
import { provinceLetterSettingsInputSchema, type ProvinceLetterSettingsInput } from '#contract';
import { publicityApi, publicityKeys } from '../../api/publicity-api';
import { failureOf } from '../common/failureOf';
import { FormDialog } from '../common/FormDialog';
import { LoadFailure } from '../common/LoadFailure';
import { fieldsOf, maxLengthOf } from '../common/schemaRules';
import { zodRule } from '../common/zodRule';

const TITLE = '认定文件发文设置';
const FIELDS = fieldsOf(provinceLetterSettingsInputSchema);
const shape = provinceLetterSettingsInputSchema.shape;

/**
 * How the province's 认定文件 is issued: the 发文机关署名, the 发文机关标志, the 代字 and the next number of the year.
 * Applies to the next 认定; a 认定文件 already issued keeps what it was issued with.
 */
export function ProvinceLetterSettingsDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: publicityKeys.letterSettings,
    queryFn: ({ signal }) => publicityApi.letterSettings(signal),
  });
  const failure = failureOf(settings);
  const data = settings.data;
  if (!data) {
    return (
      <Modal open title={TITLE} footer={null} onCancel={onClose}>
        {failure ? <LoadFailure {...failure} /> : <Spin description="正在加载发文设置…" />}
      </Modal>
    );
  }
  return (
    <FormDialog<ProvinceLetterSettingsInput>
      title={TITLE}
      okText="保存"
      name="province-letter-settings"
      intro={
        <Typography.Paragraph type="secondary">
          认定文件按《党政机关公文格式》（GB/T 9704—2012）文件格式生成，认定时编号，下一份为
          <Typography.Text strong data-testid="next-decision-number">{` ${data.nextDocNumber}`}</Typography.Text>
          ；已印发的认定文件不随本设置改变。
        </Typography.Paragraph>
      }
      initialValues={{
        officialName: data.officialName,
        letterhead: data.letterhead,
        docNumberPrefix: data.docNumberPrefix,
        nextNumber: data.nextNumber,
      }}
      action={(v) =>
        publicityApi.saveLetterSettings({
          officialName: v.officialName.trim(),
          letterhead: v.letterhead.trim(),
          docNumberPrefix: v.docNumberPrefix.trim(),
          nextNumber: v.nextNumber,
        })
      }
      success="发文设置已保存"
      onClose={onClose}
      onDone={() => {
        void queryClient.invalidateQueries({ queryKey: publicityKeys.letterSettings });
        onClose();
      }}
      fields={FIELDS}
    >
      <Form.Item
        name="officialName"
        label="发文机关署名"
        extra="落款处的机关全称"
        rules={[{ required: true, whitespace: true, message: '请填写发文机关署名' }, zodRule(shape.officialName)]}
      >
        <Input maxLength={maxLengthOf(shape.officialName)} />
      </Form.Item>
      <Form.Item
        name="letterhead"
        label="发文机关标志"
        extra="首页红色版头，如“河南省工业和信息化厅文件”"
        rules={[{ required: true, whitespace: true, message: '请填写发文机关标志' }, zodRule(shape.letterhead)]}
      >
        <Input maxLength={maxLengthOf(shape.letterhead)} />
      </Form.Item>
      <Form.Item
        name="docNumberPrefix"
        label="发文机关代字"
        extra={`如“豫工信企业”，发文字号形如 豫工信企业〔${data.year}〕1号`}
        rules={[{ required: true, whitespace: true, message: '请填写发文机关代字' }, zodRule(shape.docNumberPrefix)]}
      >
        <Input maxLength={maxLengthOf(shape.docNumberPrefix)} />
      </Form.Item>
      <Form.Item
        name="nextNumber"
        label={`下一发文序号（${data.year}年）`}
        extra={
          data.minNextNumber > 1
            ? `本系统已编至 ${data.minNextNumber - 1} 号，不能回退`
            : '本年已手工编号的，可调至其后'
        }
        rules={[{ required: true, message: '请填写下一发文序号' }]}
      >
        <InputNumber min={data.minNextNumber} max={9999} precision={0} className="full-width" />
      </Form.Item>
    </FormDialog>
  );
}
