import { useMutation } from '@tanstack/react-query';
import { Alert, App, Card, ConfigProvider, Descriptions, Typography } from 'antd';
import { useState } from 'react';
import type { ApplicationView, ReviewView, SurveyContactView } from '#contract';
import { reviewApi } from '../../../api/endpoints';
import { refusalOf } from '../../common/refusal';
import { readOnlyTheme } from '../../common/readOnlyTheme';
import { ContactDialog } from './ContactDialog';
import { ContactsTable } from './ContactsTable';
import { DrawCard } from './DrawCard';
import { DrawOrder } from './DrawOrder';
import { DrawRule } from './DrawRule';
import { MethodsEditor } from './MethodsEditor';
import { SurveyStats } from './SurveyStats';

interface SurveySectionProps {
  view: ReviewView;
  application: ApplicationView;
  minimum: number;
  editable: boolean;
  onView: (view: ReviewView) => void;
}

/** 测评 (附件3): a reproducible random draw from the roster, then the outcome per enterprise and the satisfaction rate. */
export function SurveySection({ view, application, minimum, editable, onView }: SurveySectionProps) {
  const { message } = App.useApp();
  const [recording, setRecording] = useState<SurveyContactView | null>(null);
  const [disclosed, setDisclosed] = useState<Map<number, string>>(new Map());
  /** The full roster phone of one drawn enterprise: the server audits each disclosure, so it is never cached. */
  const disclose = useMutation({
    mutationFn: (row: number) => reviewApi.disclosePhone(view.applicationId, row),
    onSuccess: (phone, row) => setDisclosed((current) => new Map(current).set(row, phone)),
    onError: (error) => message.error(`查看失败：${refusalOf(error).title}`),
  });
  const survey = view.survey;

  if (!survey) {
    if (!editable) return <Alert type="info" showIcon title="尚未组织测评" />;
    return <DrawCard view={view} rosterCount={application.rosterCount} minimum={minimum} onView={onView} />;
  }

  const contacts = [...survey.contacts].sort((a, b) => a.drawPosition - b.drawPosition);
  return (
    <ConfigProvider theme={editable ? undefined : readOnlyTheme}>
      <div className="survey-section">
        <Card size="small" title="抽样情况" className="form-card">
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: 'seed',
                label: '随机种子',
                children: (
                  <Typography.Text copyable className="mono" data-testid="survey-seed">
                    {survey.seed}
                  </Typography.Text>
                ),
              },
              {
                key: 'size',
                label: '抽取家数',
                children: `${survey.sampleSize} 家（名单共 ${application.rosterCount} 家）`,
              },
              {
                key: 'methods',
                label: '测评方法',
                span: 2,
                children: <MethodsEditor view={view} survey={survey} editable={editable} onView={onView} />,
              },
              { key: 'order', label: '抽取顺序（名单行号）', span: 2, children: <DrawOrder survey={survey} /> },
            ]}
          />
          <DrawRule seed={survey.seed} />
        </Card>
        <SurveyStats survey={survey} minimum={minimum} />
        <Card size="small" title="测评企业" className="form-card">
          <ContactsTable
            contacts={contacts}
            editable={editable}
            disclosed={disclosed}
            disclosing={disclose.isPending ? (disclose.variables ?? null) : null}
            onDisclose={disclose.mutate}
            onRecord={setRecording}
          />
        </Card>
        {recording && (
          <ContactDialog
            view={view}
            contact={recording}
            disclosedPhone={disclosed.get(recording.rosterRowNo)}
            onClose={() => setRecording(null)}
            onView={onView}
          />
        )}
      </div>
    </ConfigProvider>
  );
}
