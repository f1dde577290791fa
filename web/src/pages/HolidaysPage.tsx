import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Space,
  Spin,
  Table,
  Typography,
  type FormInstance,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { FieldError, HolidayDate, HolidayYear } from '#contract';
import { ApiError } from '../api/client';
import { holidayApi, publicityKeys } from '../api/publicity-api';
import { failureOf } from '../features/common/failureOf';
import { formatDate } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { RefusalAlert } from '../features/common/RefusalAlert';
import { refusalOf, type Refusal } from '../features/common/refusal';

interface DateRow {
  date: Dayjs | null;
  name: string;
}
interface YearValues {
  year: number;
  source: string;
  holidays: DateRow[];
  workdays: DateRow[];
}

const toRows = (dates: readonly HolidayDate[]): DateRow[] => dates.map((d) => ({ date: dayjs(d.date), name: d.name }));
const toDates = (rows: readonly DateRow[] | undefined): HolidayDate[] =>
  (rows ?? []).map((r) => ({ date: r.date ? r.date.format('YYYY-MM-DD') : '', name: (r.name ?? '').trim() }));

/**
 * The server's field errors at their rows (`holidays.3.date` → the 4th holiday's date); what no field shows is
 * returned for the alert.
 */
function showAtRows(form: FormInstance, problems: readonly FieldError[]): FieldError[] {
  const shown = problems.filter((p) => /^(year|source|holidays|workdays)(\.|$)/.test(p.field));
  form.setFields(
    shown.map((p) => ({
      name: p.field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: [p.message],
    })),
  );
  return problems.filter((p) => !shown.includes(p));
}

/**
 * 节假日安排 (the system administrator): the State Council's holiday and 调休 arrangement per year, which every
 * working-day 公示 window is counted on. 2022–2027 are seeded from the notices; a new year's notice is entered here,
 * a wrong date corrected — windows already published keep the dates they were given.
 */
export function HolidaysPage() {
  const calendar = useQuery({ queryKey: publicityKeys.holidays, queryFn: ({ signal }) => holidayApi.get(signal) });
  const [editing, setEditing] = useState<HolidayYear | 'new' | null>(null);
  const loadFailure = failureOf(calendar);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  if (!calendar.data) return <Spin size="large" className="page-spin" description="正在加载节假日安排…" />;
  const years = [...calendar.data.years].sort((a, b) => b.year - a.year);
  return (
    <div className="holidays-page">
      <div className="page-heading">
        <Typography.Title level={2}>节假日安排</Typography.Title>
        <Typography.Text type="secondary">
          按工作日计算的公示期以此为准：放假日不计，调休上班的周末计为工作日。每年国务院办公厅发布通知后录入；已发布的公示不因修改而改变。
        </Typography.Text>
      </div>
      {calendar.data.note && <Typography.Paragraph type="secondary">{calendar.data.note}</Typography.Paragraph>}
      <Space className="page-actions">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          录入新年度
        </Button>
      </Space>
      <Table<HolidayYear>
        className="holidays-table"
        rowKey="year"
        dataSource={years}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '年度', dataIndex: 'year', width: 80 },
          { title: '依据', dataIndex: 'source' },
          {
            title: '放假',
            key: 'holidays',
            render: (_, y) => `${y.holidays.length}天`,
          },
          {
            title: '调休上班',
            key: 'workdays',
            render: (_, y) => (y.workdays.length ? y.workdays.map((d) => formatDate(d.date)).join('、') : '无'),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, y) => (
              <Button size="small" onClick={() => setEditing(y)} aria-label={`修改${y.year}年安排`}>
                修改
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <YearDrawer
          year={editing === 'new' ? null : editing}
          taken={years.map((y) => y.year)}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function YearDrawer({ year, taken, onClose }: { year: HolidayYear | null; taken: number[]; onClose: () => void }) {
  const [form] = Form.useForm<YearValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const save = useMutation({ mutationFn: (v: YearValues) => holidayApi.put(v.year, toInput(v)) });
  const toInput = (v: YearValues): HolidayYear => ({
    year: v.year,
    source: (v.source ?? '').trim(),
    holidays: toDates(v.holidays),
    workdays: toDates(v.workdays),
  });
  const submit = async (v: YearValues) => {
    setRefusal(null);
    try {
      const saved = await save.mutateAsync(v);
      queryClient.setQueryData(publicityKeys.holidays, saved);
      message.success(`${v.year}年节假日安排已保存`);
      onClose();
    } catch (error) {
      const problems = error instanceof ApiError ? (error.body.errors ?? []) : [];
      const rest = problems.length ? showAtRows(form, problems) : [];
      if (!problems.length) setRefusal(refusalOf(error));
      else if (rest.length)
        setRefusal({
          code: 'VALIDATION_FAILED',
          title: (error as ApiError).message,
          message: rest.map((p) => p.message).join('；'),
        });
    }
  };
  return (
    <Drawer
      open
      size="large"
      title={year ? `修改${year.year}年节假日安排` : '录入新年度节假日安排'}
      onClose={onClose}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          保存
        </Button>
      }
    >
      {refusal && <RefusalAlert refusal={refusal} />}
      <Form<YearValues>
        form={form}
        layout="vertical"
        name="holiday-year"
        initialValues={
          year
            ? { year: year.year, source: year.source, holidays: toRows(year.holidays), workdays: toRows(year.workdays) }
            : { year: Math.max(...taken, new Date().getFullYear()) + 1, source: '', holidays: [], workdays: [] }
        }
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="year"
          label="年度"
          rules={[
            { required: true, message: '须填写' },
            {
              validator: (_, value: number) =>
                !year && taken.includes(value)
                  ? Promise.reject(new Error(`${value}年已录入，请在列表中修改`))
                  : Promise.resolve(),
            },
          ]}
        >
          <InputNumber min={2000} max={2100} precision={0} disabled={year !== null} />
        </Form.Item>
        <Form.Item
          name="source"
          label="依据（通知名称和文号）"
          rules={[{ required: true, whitespace: true, message: '须填写' }]}
        >
          <Input maxLength={300} placeholder="国务院办公厅关于2028年部分节假日安排的通知（国办发明电〔2027〕N号）" />
        </Form.Item>
        <DateRows name="holidays" label="放假日期" addText="添加放假日期" max={60} />
        <DateRows name="workdays" label="调休上班日期（周末上班）" addText="添加调休上班日期" max={20} />
      </Form>
    </Drawer>
  );
}

function DateRows({
  name,
  label,
  addText,
  max,
}: {
  name: 'holidays' | 'workdays';
  label: string;
  addText: string;
  max: number;
}) {
  return (
    <Form.Item label={label} required={false}>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <div className="holiday-rows">
            {fields.map((field) => (
              <div key={field.key} className="holiday-row" style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
                <Form.Item
                  name={[field.name, 'date']}
                  rules={[{ required: true, message: '须选择日期' }]}
                  style={{ width: 200 }}
                >
                  <DatePicker
                    format="YYYY年M月D日"
                    style={{ width: '100%' }}
                    aria-label={`${label}第${field.name + 1}行日期`}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'name']}
                  rules={[{ required: true, whitespace: true, message: '须填写节日' }]}
                  style={{ width: 160 }}
                >
                  <Input maxLength={20} placeholder="节日，如 春节" aria-label={`${label}第${field.name + 1}行节日`} />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={`删除${label}第${field.name + 1}行`}
                />
              </div>
            ))}
            <Button
              icon={<PlusOutlined />}
              disabled={fields.length >= max}
              onClick={() => add({ date: null, name: '' })}
            >
              {addText}
            </Button>
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}
