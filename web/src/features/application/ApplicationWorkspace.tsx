import { useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Row, Tabs } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  editableStatuses,
  type ApplicationDraft,
  type ApplicationView,
  type BatchSummary,
  type EarlierApplication,
  type FieldError,
  type PreviousEvidence,
  type ReceiptView,
  type Region,
} from '#contract';
import { applicationChanged, queries, queryKeys } from '../../app/queries';
import { collectFieldIssues } from '../common/fieldIssues';
import { EligibilityPanel } from '../eligibility/EligibilityPanel';
import { evidenceKeyOf } from '../eligibility/evidenceKey';
import { failuresOfFilled, type EligibilityFigures } from '../eligibility/RuleChecklist';
import { EvidenceSection, ROSTER_EVIDENCE_TYPE } from '../evidence/EvidenceSection';
import { AutosaveStatus } from './AutosaveStatus';
import { EarlierApplications } from './EarlierApplications';
import { cityRemarksOf } from './cityRemarks';
import { BasicInfoForm } from './BasicInfoForm';
import { toDraftPatch, toFormValues, type DraftFormValues } from './draftForm';
import { InstitutionsEditor } from './InstitutionsEditor';
import { RosterSection } from './RosterSection';
import { StatusNotice } from './StatusNotice';
import { SubmitSection } from './SubmitSection';
import { tabForField, type WorkspaceTab } from './tabs';
import { useDraftAutosave } from './useDraftAutosave';
import { WorkspaceHeader } from './WorkspaceHeader';

interface ApplicationWorkspaceProps {
  view: ApplicationView;
  batch: BatchSummary;
  region: Region | undefined;
  /** The unit's applications in other batches (往年申报). */
  earlier: readonly EarlierApplication[];
  /** Files of the earlier application this one may reuse once confirmed. */
  previousEvidence: readonly PreviousEvidence[];
}

const isFilledValue = (value: unknown) =>
  value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);

/** The applicant's application: tabs on the left, the live eligibility check on the right. */
export function ApplicationWorkspace({ view, batch, region, earlier, previousEvidence }: ApplicationWorkspaceProps) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const config = batch.config;
  const [draft, setDraft] = useState<ApplicationDraft>(view.form);
  const [rejected, setRejected] = useState<FieldError[]>([]);
  const [tab, setTab] = useState<WorkspaceTab>('basic');
  const [form] = Form.useForm<DraftFormValues>();
  const [initialValues] = useState(() => toFormValues(view.form));
  const editable = (editableStatuses as readonly string[]).includes(view.status);

  const setView = useCallback((answer: ApplicationView) => applicationChanged(queryClient, answer), [queryClient]);
  const reload = useCallback(() => {
    queryClient
      .fetchQuery({ ...queries.myApplication(), staleTime: 0 })
      .catch((error: Error) => message.error(`刷新失败：${error.message}`));
    void queryClient.invalidateQueries({ queryKey: queryKeys.myApplications });
  }, [queryClient, message]);

  const autosave = useDraftAutosave(view.id, { onSaved: setView, onRejected: setRejected, onNotEditable: reload });

  const onFormChange = (changed: DraftFormValues) => {
    const patch = toDraftPatch(changed);
    if ('channel' in changed && changed.channel !== 'designated_area') {
      patch.designatedAreaId = null;
      form.setFieldValue('designatedAreaId', null);
    }
    setDraft((current) => ({ ...current, ...patch }));
    setRejected((current) => current.filter((p) => !(p.field in patch)));
    autosave.queue(patch);
  };

  const selectField = (field: string) => {
    const target = tabForField(field, config);
    setTab(target);
    window.setTimeout(() => {
      if (target === 'basic') form.scrollToField(field, { block: 'center', behavior: 'smooth', focus: true });
      const evidenceKey = evidenceKeyOf(field, config);
      if (target === 'evidence' && evidenceKey) {
        // The card's upload button takes focus: where a keyboard user goes on from.
        const card = document.getElementById(`evidence-${evidenceKey}`);
        card?.scrollIntoView({ block: 'center', behavior: 'smooth' });
        card?.querySelector<HTMLButtonElement>('button:enabled')?.focus({ preventScroll: true });
      }
    }, 50);
  };

  const onSubmitted = (receipt: ReceiptView) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.myApplication });
    message.success(`申报已提交，回执编号 ${receipt.receiptNo}`);
    navigate(`/receipt/${receipt.applicationId}`);
  };

  const remarks = useMemo(() => cityRemarksOf(view, config), [view, config]);
  const remarkIssues = remarks
    .filter((r) => r.target)
    .map((r) => ({ field: r.target!, message: `市级意见：${r.message}` }));
  const remarksByEvidenceType = new Map<string, string[]>();
  remarkIssues.forEach((r) =>
    remarksByEvidenceType.set(r.field, [...(remarksByEvidenceType.get(r.field) ?? []), r.message]),
  );
  const figures: EligibilityFigures = {
    ...draft,
    institutions: view.institutions.length,
    enterprisesServedLastYear: view.rosterCount,
    uscc: view.uscc,
  };
  const failures = failuresOfFilled(config, figures, view.eligibility.failures);
  const issues = collectFieldIssues(
    failures,
    rejected,
    view.incomplete,
    (field) => isFilledValue(draft[field as keyof ApplicationDraft]),
    view.status === 'returned' ? remarkIssues : [],
  );

  return (
    <div className="workspace">
      <WorkspaceHeader batch={batch} view={view} />
      <StatusNotice view={view} remarks={remarks} onSelect={selectField} />
      <Row gutter={24} wrap>
        <Col xs={24} lg={16}>
          <Tabs
            activeKey={tab}
            onChange={(key) => setTab(key as WorkspaceTab)}
            className="workspace-tabs"
            items={[
              {
                key: 'basic',
                label: '基本信息',
                forceRender: true,
                children: (
                  <BasicInfoForm
                    form={form}
                    initialValues={initialValues}
                    view={view}
                    config={config}
                    region={region}
                    issues={issues}
                    editable={editable}
                    onChange={onFormChange}
                    onOpenTab={setTab}
                  />
                ),
              },
              {
                key: 'institutions',
                label: `集聚服务机构（${view.institutions.length}）`,
                children: (
                  <InstitutionsEditor
                    view={view}
                    config={config}
                    editable={editable}
                    onView={setView}
                    onEvidenceChanged={reload}
                    onNotEditable={reload}
                  />
                ),
              },
              {
                key: 'roster',
                label: `服务企业名单（${view.rosterCount}）`,
                children: <RosterSection view={view} config={config} editable={editable} onView={setView} />,
              },
              {
                key: 'evidence',
                label: `证明材料（${view.evidence.filter((e) => e.evidenceType !== ROSTER_EVIDENCE_TYPE).length}）`,
                children: (
                  <EvidenceSection
                    view={view}
                    config={config}
                    editable={editable}
                    onChanged={reload}
                    remarks={view.status === 'returned' ? remarksByEvidenceType : undefined}
                    previous={previousEvidence}
                  />
                ),
              },
              {
                key: 'submit',
                label: '提交',
                children: (
                  <SubmitSection
                    view={view}
                    draft={draft}
                    config={config}
                    editable={editable}
                    failures={failures}
                    onSubmitted={onSubmitted}
                    onSelectField={selectField}
                  />
                ),
              },
            ]}
          />
        </Col>
        <Col xs={24} lg={8}>
          <div className="eligibility-column">
            <EligibilityPanel
              config={config}
              figures={figures}
              failures={view.eligibility.failures}
              incomplete={view.incomplete}
              refused={rejected}
              saveStatus={
                editable ? <AutosaveStatus state={autosave.state} onRetry={() => void autosave.flush()} /> : null
              }
              submittable={editable}
              onSelectField={selectField}
            />
          </div>
        </Col>
      </Row>
      <EarlierApplications earlier={earlier} />
    </div>
  );
}
