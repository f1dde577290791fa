import { SaveOutlined } from '@ant-design/icons';
import { Button, Checkbox, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { ReviewView, SurveyMethod } from '#contract';
import { reviewApi } from '../../../api/endpoints';
import { RefusalAlert } from '../../common/RefusalAlert';
import { useAction } from '../../common/useAction';
import { methodOptions, type Survey } from './survey';

/** The survey's methods, changeable after the draw. */
export function MethodsEditor({
  view,
  survey,
  editable,
  onView,
}: {
  view: ReviewView;
  survey: Survey;
  editable: boolean;
  onView: (v: ReviewView) => void;
}) {
  const [methods, setMethods] = useState<SurveyMethod[]>(survey.methods);
  useEffect(() => setMethods(survey.methods), [survey.methods]);
  const {
    busy: saving,
    refusal,
    run: save,
  } = useAction({
    action: (chosen: SurveyMethod[]) => reviewApi.saveSurveyMethods(view.applicationId, chosen),
    success: '测评方法已保存',
    onDone: onView,
  });
  const changed = [...methods].sort().join() !== [...survey.methods].sort().join();
  return (
    <Space orientation="vertical" size={4}>
      <Space wrap>
        <Checkbox.Group
          options={methodOptions}
          value={methods}
          onChange={(v) => setMethods(v as SurveyMethod[])}
          disabled={!editable}
        />
        {editable && changed && (
          <Button
            size="small"
            type="primary"
            icon={<SaveOutlined />}
            loading={saving}
            disabled={methods.length === 0}
            onClick={() => void save(methods)}
          >
            保存
          </Button>
        )}
      </Space>
      {refusal && <RefusalAlert refusal={refusal} />}
    </Space>
  );
}
