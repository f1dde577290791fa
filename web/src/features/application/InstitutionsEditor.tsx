import { DownloadOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ApplicationView, BatchConfig, FieldError, InstitutionInput, InstitutionView, RowError } from '#contract';
import { ApiError } from '../../api/client';
import { applicantApi, templateUrls } from '../../api/endpoints';
import { RowErrorsTable } from '../common/RowErrorsTable';
import { UploadProgressLine } from '../common/UploadProgressLine';
import { useUploadTask } from '../common/useUploadTask';
import { AGREEMENT_EVIDENCE_TYPE } from './AgreementCell';
import { ExcelImportButton } from './ExcelImportButton';
import { cellOf, InstitutionsTable, type InstitutionRow } from './InstitutionsTable';

let rowSeq = 0;
const newRowKey = () => `row-${++rowSeq}`;

const toRows = (institutions: readonly InstitutionView[]): InstitutionRow[] =>
  institutions.map((i) => ({ key: i.id, name: i.name, uscc: i.uscc, agreementFileId: i.agreementFileId }));

interface InstitutionsEditorProps {
  view: ApplicationView;
  config: BatchConfig;
  editable: boolean;
  onView: (view: ApplicationView) => void;
  onEvidenceChanged: () => void;
}

/** 集聚服务机构: name, USCC and agreement of each institution; typed in or imported from Excel. */
export function InstitutionsEditor({ view, config, editable, onView, onEvidenceChanged }: InstitutionsEditorProps) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<InstitutionRow[]>(() => toRows(view.institutions));
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<FieldError[]>([]);
  const [importRejection, setImportRejection] = useState<{ message: string; rowErrors: RowError[] } | null>(null);
  const importTask = useUploadTask((file, onProgress) => applicantApi.importInstitutions(view.id, file, onProgress));
  const agreementAccepts = config.evidenceTypes.find((t) => t.key === AGREEMENT_EVIDENCE_TYPE)?.accepts ?? ['pdf'];
  const minimum = config.rules.minInstitutions;

  /** The saved list last shown: a new one replaces the rows unless they hold unsaved edits. */
  const [savedList, setSavedList] = useState(view.institutions);
  if (savedList !== view.institutions) {
    setSavedList(view.institutions);
    if (!dirty) setRows(toRows(view.institutions));
  }

  /** An answer with the saved list: the rows show it at once. */
  const saved = (answer: ApplicationView) => {
    setRows(toRows(answer.institutions));
    setDirty(false);
    onView(answer);
  };

  const edit = (key: string, change: Partial<InstitutionRow>) => {
    setRows((current) => current.map((r) => (r.key === key ? { ...r, ...change } : r)));
    setDirty(true);
  };

  const save = useMutation({
    mutationFn: (institutions: InstitutionInput[]) => applicantApi.saveInstitutions(view.id, institutions),
    onMutate: () => setProblems([]),
    onSuccess: (answer) => {
      saved(answer);
      message.success('集聚服务机构名单已保存');
    },
    onError: (error) => {
      if (error instanceof ApiError && error.body.errors) setProblems(error.body.errors);
      message.error(error instanceof Error ? error.message : '保存失败');
    },
  });

  const importExcel = (file: File) => {
    setImportRejection(null);
    importTask.run(file).then(
      (imported) => {
        saved(imported);
        setProblems([]);
        message.success(`已导入 ${imported.institutions.length} 家集聚服务机构`);
      },
      (error: Error) => {
        if (error instanceof ApiError && error.body.rowErrors) {
          setImportRejection({ message: error.message, rowErrors: error.body.rowErrors });
        } else {
          message.error(`导入失败：${error.message}`);
        }
      },
    );
  };

  const unmatched = problems.filter((p) => !cellOf(p.field));
  /** The saved list's own problems (a bad code) point at rows by index: valid only while the table shows the saved list. */
  const savedListIssues = dirty ? [] : view.incomplete.filter((i) => i.field.startsWith('institutions.'));
  const cellProblems = [...problems, ...savedListIssues];

  return (
    <Card
      size="small"
      className="form-card"
      title={
        <Space>
          集聚服务机构
          <Tag color={rows.length >= minimum ? 'green' : 'red'}>
            {rows.length} 家 / 要求 {minimum} 家以上
          </Tag>
        </Space>
      }
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={templateUrls.institutions}>
            下载Excel模板
          </Button>
          {editable && (
            <ExcelImportButton busy={Boolean(importTask.uploading)} onFile={importExcel}>
              从Excel导入
            </ExcelImportButton>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        逐家填写与本平台签订合作协议的服务机构，并上传合作协议。从Excel导入将替换下表全部内容。
      </Typography.Paragraph>
      {importTask.uploading && <UploadProgressLine state={importTask.uploading} />}
      {importRejection && <RowErrorsTable {...importRejection} />}
      {unmatched.length > 0 && (
        <Alert type="error" showIcon title="未能保存" description={unmatched.map((p) => p.message).join('；')} />
      )}
      <InstitutionsTable
        applicationId={view.id}
        rows={rows}
        problems={cellProblems}
        evidence={view.evidence}
        agreementAccepts={agreementAccepts}
        editable={editable}
        onEdit={edit}
        onRemove={(key) => {
          setRows((current) => current.filter((r) => r.key !== key));
          setDirty(true);
        }}
        onAgreementUploaded={(key, file) => {
          edit(key, { agreementFileId: file.id });
          onEvidenceChanged();
        }}
      />
      {editable && (
        <div className="table-actions">
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              setRows((current) => [...current, { key: newRowKey(), name: '', uscc: '', agreementFileId: null }]);
              setDirty(true);
            }}
          >
            添加机构
          </Button>
          <Space>
            {dirty && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={save.isPending}
              disabled={!dirty}
              onClick={() =>
                save.mutate(
                  rows.map(({ name, uscc, agreementFileId }) => ({
                    name: name.trim(),
                    uscc: uscc.trim().toUpperCase(),
                    agreementFileId,
                  })),
                )
              }
            >
              保存机构名单
            </Button>
          </Space>
        </div>
      )}
    </Card>
  );
}
