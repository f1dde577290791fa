import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import type { ReactNode } from 'react';
import { defaultEvidenceMaxMb, evidenceMaxMbRange, type BatchConfig, type ReferenceData } from '#contract';
import { DayPicker, InstantPicker } from './pickers';

interface SectionsProps {
  reference: ReferenceData;
  /** Whatever changes an eligibility judgement, keys and lists: editable in preparation only. */
  locked: boolean;
  /** Titles, the notice and labels: editable in preparation and while a published batch's wording is corrected. */
  wordingLocked: boolean;
}

const RULES: { key: keyof BatchConfig['rules']; label: string; unit: string; step?: number }[] = [
  { key: 'minRegistrationYears', label: '注册登记年限下限', unit: '年' },
  { key: 'minAssetsWan', label: '资产总额下限', unit: '万元', step: 10 },
  { key: 'minServiceStaff', label: '服务人员下限', unit: '人' },
  { key: 'minInstitutions', label: '集聚服务机构下限', unit: '家' },
  { key: 'minPreferentialSharePercent', label: '优惠服务占比下限', unit: '%' },
  { key: 'minEnterprisesServed', label: '上年服务企业数下限', unit: '家' },
  { key: 'minSurveyed', label: '满意度测评企业数下限', unit: '家' },
];

/** Reached directly by the province (no city recommends it). */

function Section({ title, note, children }: { title: string; note?: string; children: ReactNode }) {
  return (
    <Card size="small" className="form-card batch-section" title={title}>
      {note && (
        <Typography.Paragraph type="secondary" className="card-note">
          {note}
        </Typography.Paragraph>
      )}
      {children}
    </Card>
  );
}

/** A row's remove button, named for its row. */
function RemoveButton({ label, onClick, disabled }: { label: string; onClick: () => void; disabled: boolean }) {
  return (
    <Button type="text" danger icon={<DeleteOutlined />} aria-label={label} disabled={disabled} onClick={onClick} />
  );
}

function AddButton({ children, onClick, disabled }: { children: ReactNode; onClick: () => void; disabled: boolean }) {
  return (
    <Button type="dashed" icon={<PlusOutlined />} disabled={disabled} onClick={onClick}>
      {children}
    </Button>
  );
}

/** The whole configuration of a batch, a card per part of the notice. */
export function BatchConfigSections({ reference, locked, wordingLocked }: SectionsProps) {
  const form = Form.useFormInstance();
  const kinds = (Form.useWatch(['config', 'designatedAreaKinds'], form) ?? []) as BatchConfig['designatedAreaKinds'];
  const cityOptions = reference.authorities.map((a) => ({ value: a.code, label: a.name }));
  const regionOptions = reference.regions.map((r) => ({ value: r.code, label: `${r.name}（${r.authorityName}）` }));

  return (
    <>
      <Section title="基本信息">
        <div className="batch-grid">
          <Form.Item
            name="label"
            label="批次名称"
            rules={[{ required: true, whitespace: true, message: '请填写批次名称' }]}
          >
            <Input disabled={wordingLocked} maxLength={100} />
          </Form.Item>
          <Form.Item name={['config', 'title']} label="标题（用于文书）" className="batch-grid-wide">
            <Input disabled={wordingLocked} />
          </Form.Item>
          <Form.Item name={['config', 'noticeDate']} label="通知日期">
            <DayPicker disabled={locked} />
          </Form.Item>
          <Form.Item name={['config', 'referenceDate']} label="注册年限基准日">
            <DayPicker disabled={locked} />
          </Form.Item>
          <Form.Item name={['config', 'assetsAsOf']} label="资产总额时点">
            <DayPicker disabled={locked} />
          </Form.Item>
        </div>
      </Section>

      <Section title="截止时间" note="北京时间，精确到秒。申报截止时间留空表示与市级报送截止时间相同。">
        <div className="batch-grid">
          <Form.Item name={['config', 'applicationDeadline']} label="申报截止时间">
            <InstantPicker disabled={locked} clearable />
          </Form.Item>
          <Form.Item name={['config', 'cityDeadline']} label="市级报送截止时间">
            <InstantPicker disabled={locked} />
          </Form.Item>
        </div>
      </Section>

      <Section title="申报条件">
        <div className="batch-grid">
          {RULES.map((rule) => (
            <Form.Item key={rule.key} name={['config', 'rules', rule.key]} label={rule.label}>
              <InputNumber disabled={locked} min={0} step={rule.step ?? 1} suffix={rule.unit} style={{ width: 180 }} />
            </Form.Item>
          ))}
          <Form.Item name={['config', 'rules', 'forbiddenWord']} label="平台名称不得含有">
            <Input disabled={locked} style={{ width: 180 }} />
          </Form.Item>
        </div>
      </Section>

      <Section title="平台类别">
        <Form.List name={['config', 'categories']}>
          {(fields, { add, remove }) => (
            <div className="batch-list batch-list-wrap">
              {fields.map((field, i) => (
                <Space key={field.key} align="start">
                  <Form.Item name={field.name}>
                    <Input disabled={locked} aria-label={`类别 ${i + 1}`} style={{ width: 240 }} />
                  </Form.Item>
                  <RemoveButton label={`删除类别 ${i + 1}`} disabled={locked} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <AddButton disabled={locked} onClick={() => add('')}>
                添加类别
              </AddButton>
            </div>
          )}
        </Form.List>
      </Section>

      <Section title="推荐名额" note="每个市级主管部门可推荐的平台数；例外名额优先于默认名额。">
        <Form.Item name={['config', 'quota', 'default']} label="默认名额">
          <InputNumber disabled={locked} precision={0} suffix="个" style={{ width: 140 }} />
        </Form.Item>
        <Form.List name="quotaExceptions">
          {(fields, { add, remove }) => (
            <div className="batch-list">
              {fields.map((field, i) => (
                <Space key={field.key} align="start">
                  <Form.Item name={[field.name, 'authorityCode']}>
                    <Select
                      disabled={locked}
                      aria-label={`例外 ${i + 1} 主管部门`}
                      options={cityOptions}
                      showSearch={{ optionFilterProp: 'label' }}
                      style={{ width: 200 }}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'quota']}>
                    <InputNumber
                      disabled={locked}
                      precision={0}
                      suffix="个"
                      aria-label={`例外 ${i + 1} 名额`}
                      style={{ width: 120 }}
                    />
                  </Form.Item>
                  <RemoveButton label={`删除例外 ${i + 1}`} disabled={locked} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <AddButton disabled={locked} onClick={() => add({ quota: 0 })}>
                添加例外名额
              </AddButton>
            </div>
          )}
        </Form.List>
      </Section>

      <Section
        title="推荐路由"
        note="列出的区域由指定的主管部门推荐，占用其名额（如航空港区由郑州市推荐，或由航空港区自行推荐）；未列出的区域由所在市推荐。"
      >
        <Form.List name="routes">
          {(fields, { add, remove }) => (
            <div className="batch-list">
              {fields.map((field, i) => (
                <Space key={field.key} align="start">
                  <Form.Item name={[field.name, 'region']}>
                    <Select
                      disabled={locked}
                      aria-label={`路由 ${i + 1} 区域`}
                      options={regionOptions}
                      showSearch={{ optionFilterProp: 'label' }}
                      style={{ width: 360 }}
                    />
                  </Form.Item>
                  <span className="batch-arrow">→</span>
                  <Form.Item name={[field.name, 'authority']}>
                    <Select
                      disabled={locked}
                      aria-label={`路由 ${i + 1} 推荐单位`}
                      options={cityOptions}
                      showSearch={{ optionFilterProp: 'label' }}
                      style={{ width: 200 }}
                    />
                  </Form.Item>
                  <RemoveButton label={`删除路由 ${i + 1}`} disabled={locked} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <AddButton disabled={locked} onClick={() => add({})}>
                添加路由
              </AddButton>
            </div>
          )}
        </Form.List>
      </Section>

      <Section title="特定区域类型">
        <Form.List name={['config', 'designatedAreaKinds']}>
          {(fields, { add, remove }) => (
            <div className="batch-list">
              {fields.map((field, i) => (
                <Space key={field.key} align="start">
                  <Form.Item name={[field.name, 'key']}>
                    <Input disabled={locked} aria-label={`类型 ${i + 1} 键`} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'label']}>
                    <Input disabled={wordingLocked} aria-label={`类型 ${i + 1} 名称`} style={{ width: 320 }} />
                  </Form.Item>
                  <RemoveButton label={`删除类型 ${i + 1}`} disabled={locked} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <AddButton disabled={locked} onClick={() => add({ key: '', label: '' })}>
                添加类型
              </AddButton>
            </div>
          )}
        </Form.List>
      </Section>

      <Section title="特定区域" note="位于特定区域的平台可多推荐一个；每个区域须属于一个市级主管部门。">
        <Form.List name={['config', 'designatedAreas']}>
          {(fields, { add, remove }) => (
            <div className="batch-list">
              {fields.map((field, i) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item name={[field.name, 'id']}>
                    <Input disabled={locked} aria-label={`区域 ${i + 1} 编号`} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']}>
                    <Input disabled={wordingLocked} aria-label={`区域 ${i + 1} 名称`} style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'kind']}>
                    <Select
                      disabled={locked}
                      aria-label={`区域 ${i + 1} 类型`}
                      options={kinds.map((k) => ({ value: k.key, label: k.label || k.key }))}
                      style={{ width: 260 }}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'authorityCode']}>
                    <Select
                      disabled={locked}
                      aria-label={`区域 ${i + 1} 所属市`}
                      options={cityOptions}
                      showSearch={{ optionFilterProp: 'label' }}
                      style={{ width: 160 }}
                    />
                  </Form.Item>
                  <RemoveButton label={`删除区域 ${i + 1}`} disabled={locked} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <AddButton disabled={locked} onClick={() => add({ id: '', name: '', kind: kinds[0]?.key })}>
                添加特定区域
              </AddButton>
            </div>
          )}
        </Form.List>
      </Section>

      <Section
        title="证明材料类型"
        note={`接受的文件类型如 pdf、jpg、png、xlsx；系统使用的材料类型不能删除。大小上限为每个文件的上限（${evidenceMaxMbRange.min}～${evidenceMaxMbRange.max} MB），服务器统一的上传上限同样适用，以两者中较小者为准。`}
      >
        <Form.List name={['config', 'evidenceTypes']}>
          {(fields, { add, remove }) => (
            <div className="batch-list">
              {fields.map((field, i) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item name={[field.name, 'key']}>
                    <Input disabled={locked} aria-label={`材料 ${i + 1} 键`} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'label']}>
                    <Input disabled={wordingLocked} aria-label={`材料 ${i + 1} 名称`} style={{ width: 300 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'required']} valuePropName="checked">
                    <Switch
                      disabled={locked}
                      aria-label={`材料 ${i + 1} 必须提交`}
                      checkedChildren="必须"
                      unCheckedChildren="可选"
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'accepts']}>
                    <Select
                      disabled={locked}
                      mode="tags"
                      aria-label={`材料 ${i + 1} 接受的文件类型`}
                      style={{ width: 220 }}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'maxMb']}>
                    <InputNumber
                      disabled={locked}
                      min={evidenceMaxMbRange.min}
                      max={evidenceMaxMbRange.max}
                      precision={0}
                      prefix="大小上限"
                      suffix="MB"
                      aria-label={`材料 ${i + 1} 大小上限（MB）`}
                      style={{ width: 190 }}
                    />
                  </Form.Item>
                  <RemoveButton label={`删除材料 ${i + 1}`} disabled={locked} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <AddButton
                disabled={locked}
                onClick={() =>
                  add({ key: '', label: '', required: false, accepts: ['pdf'], maxMb: defaultEvidenceMaxMb })
                }
              >
                添加材料类型
              </AddButton>
            </div>
          )}
        </Form.List>
      </Section>

      <Section
        title="认定与年度报告"
        note="证书有效期按整年计算；年度报告为认定后每年报送上一年度的情况，截止日期在次年。"
      >
        <div className="batch-grid">
          <Form.Item name={['config', 'recognition', 'validity', 'start']} label="证书有效期起算">
            <Select
              disabled={locked}
              options={[
                { value: 'next_year', label: '认定次年1月1日起' },
                { value: 'recognition_date', label: '认定之日起' },
              ]}
            />
          </Form.Item>
          <Form.Item name={['config', 'recognition', 'validity', 'years']} label="证书有效期">
            <InputNumber disabled={locked} min={1} max={10} precision={0} suffix="年" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name={['config', 'recognition', 'annualReport', 'month']} label="年度报告截止月份（次年）">
            <InputNumber disabled={locked} min={1} max={12} precision={0} suffix="月" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name={['config', 'recognition', 'annualReport', 'day']} label="年度报告截止日">
            <Select
              disabled={locked}
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 180 }}
              options={[
                { value: 'last', label: '该月最后一天' },
                ...Array.from({ length: 31 }, (_, i) => ({ value: i + 1, label: `${i + 1}日` })),
              ]}
            />
          </Form.Item>
        </div>
      </Section>

      <Section title="通知" note="申报指南中向全部用户展示的通知全文与联系方式。">
        <div className="batch-grid">
          <Form.Item name={['config', 'notice', 'issuer']} label="发文单位">
            <Input disabled={wordingLocked} />
          </Form.Item>
          <Form.Item name={['config', 'notice', 'title']} label="通知标题" className="batch-grid-wide">
            <Input disabled={wordingLocked} />
          </Form.Item>
        </div>
        <Typography.Text strong>正文段落</Typography.Text>
        <Form.List name={['config', 'notice', 'paragraphs']}>
          {(fields, { add, remove }) => (
            <div className="batch-list">
              {fields.map((field, i) => (
                <div key={field.key} className="batch-paragraph">
                  <Form.Item name={field.name}>
                    <Input.TextArea disabled={wordingLocked} autoSize aria-label={`第 ${i + 1} 段`} />
                  </Form.Item>
                  <RemoveButton
                    label={`删除第 ${i + 1} 段`}
                    disabled={wordingLocked}
                    onClick={() => remove(field.name)}
                  />
                </div>
              ))}
              <AddButton disabled={wordingLocked} onClick={() => add('')}>
                添加段落
              </AddButton>
            </div>
          )}
        </Form.List>
        <Typography.Text strong>联系人</Typography.Text>
        <Form.List name={['config', 'notice', 'contacts']}>
          {(fields, { add, remove }) => (
            <div className="batch-list">
              {fields.map((field, i) => (
                <Space key={field.key} align="start">
                  <Form.Item name={[field.name, 'name']}>
                    <Input disabled={wordingLocked} aria-label={`联系人 ${i + 1} 姓名`} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'phone']}>
                    <Input disabled={wordingLocked} aria-label={`联系人 ${i + 1} 电话`} style={{ width: 200 }} />
                  </Form.Item>
                  <RemoveButton
                    label={`删除联系人 ${i + 1}`}
                    disabled={wordingLocked}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              <AddButton disabled={wordingLocked} onClick={() => add({ name: '', phone: '' })}>
                添加联系人
              </AddButton>
            </div>
          )}
        </Form.List>
        <Form.Item name={['config', 'notice', 'address']} label="通讯地址">
          <Input disabled={wordingLocked} />
        </Form.Item>
      </Section>
    </>
  );
}
