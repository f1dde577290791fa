import { SaveOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Form, type FormInstance, type FormProps } from 'antd';
import type { ReactNode } from 'react';
import type { ReviewView } from '#contract';
import { preventImplicitSubmit } from '../common/noImplicitSubmit';
import { readOnlyTheme } from '../common/readOnlyTheme';

/** What a record of the review is given: the review, whether the city may still change it, where its answer goes. */
export interface RecordProps {
  view: ReviewView;
  editable: boolean;
  onView: (view: ReviewView) => void;
}

interface RecordFormProps<Values> {
  form: FormInstance<Values>;
  name: string;
  initialValues: FormProps<Values>['initialValues'];
  /** The city may still change it; otherwise it is shown read-only. */
  editable: boolean;
  saving: boolean;
  /** The save button's text. */
  saveLabel: string;
  onFinish: (values: Values) => void;
  children: ReactNode;
}

/**
 * A record of the city's review (site check, interview, opinion): read, not greyed out, once it can no
 * longer be changed. It is saved with its button only: the button is not a submit button, so Enter in a
 * date picker or the names field never saves half a record.
 */
export function RecordForm<Values>({
  form,
  name,
  initialValues,
  editable,
  saving,
  saveLabel,
  onFinish,
  children,
}: RecordFormProps<Values>) {
  return (
    <ConfigProvider theme={editable ? undefined : readOnlyTheme}>
      <Form<Values>
        form={form}
        name={name}
        onKeyDown={preventImplicitSubmit}
        layout="vertical"
        initialValues={initialValues}
        disabled={!editable}
        onFinish={onFinish}
        requiredMark={false}
      >
        {children}
        {editable && (
          <Button type="primary" onClick={() => form.submit()} icon={<SaveOutlined />} loading={saving}>
            {saveLabel}
          </Button>
        )}
      </Form>
    </ConfigProvider>
  );
}
