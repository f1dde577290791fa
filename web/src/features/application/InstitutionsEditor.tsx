import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import {
  defaultEvidenceMaxMb,
  ruleRequirement,
  type ApplicationView,
  type BatchConfig,
  type FieldError,
  type InstitutionView,
  type RowError,
} from '#contract';
import { ApiError } from '../../api/client';
import { applicantApi, templateUrls } from '../../api/endpoints';
import { RowErrorsTable } from '../common/RowErrorsTable';
import { UploadProgressLine } from '../common/UploadProgressLine';
import { useUploadTask } from '../common/useUploadTask';
import { AGREEMENT_EVIDENCE_TYPE } from './AgreementCell';
import { AutosaveStatus } from './AutosaveStatus';
import { ExcelImportButton } from './ExcelImportButton';
import { cellOf, InstitutionsTable, type InstitutionRow } from './InstitutionsTable';
import { savableRows, toInputs, useInstitutionsAutosave, type InstitutionsRefusal } from './useInstitutionsAutosave';

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
  /** The application is no longer editable: reload it. */
  onNotEditable: () => void;
}

/**
 * Problems addressed by the index of a row in a list the server judged, readdressed to the rows shown
 * (`institutions.<index>.<column>`, as the table expects).
 */
function readdress(problems: readonly FieldError[], listKeys: readonly string[], rows: readonly InstitutionRow[]) {
  return problems.map((p) => {
    const cell = cellOf(p.field);
    const shown = cell ? rows.findIndex((r) => r.key === listKeys[cell.index]) : -1;
    return cell && shown >= 0 ? { field: `institutions.${shown}.${cell.column}`, message: p.message } : p;
  });
}

/** 集聚服务机构: name, USCC and agreement of each institution; typed in or imported from Excel. */
export function InstitutionsEditor({
  view,
  config,
  editable,
  onView,
  onEvidenceChanged,
  onNotEditable,
}: InstitutionsEditorProps) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<InstitutionRow[]>(() => toRows(view.institutions));
  const [refusal, setRefusal] = useState<InstitutionsRefusal | null>(null);
  const [importRejection, setImportRejection] = useState<{ message: string; rowErrors: RowError[] } | null>(null);
  const importTask = useUploadTask((file, onProgress) => applicantApi.importInstitutions(view.id, file, onProgress));
  const agreementType = config.evidenceTypes.find((t) => t.key === AGREEMENT_EVIDENCE_TYPE) ?? {
    label: '集聚服务机构合作协议',
    accepts: ['pdf'],
    maxMb: defaultEvidenceMaxMb,
  };
  const minimum = config.rules.minInstitutions;
  const usccHelpId = useId();
  const [addedRowKey, setAddedRowKey] = useState<string | null>(null);
  const autosave = useInstitutionsAutosave(view.id, rows, {
    onSaved: (answer) => {
      setRefusal(null);
      onView(answer);
    },
    onRejected: setRefusal,
    onNotEditable,
  });

  /** Every edit goes to the autosave with the rows as they now are. */
  const update = (change: (current: InstitutionRow[]) => InstitutionRow[]) => {
    setRows((current) => {
      const next = change(current);
      autosave.changed(next);
      return next;
    });
  };
  const edit = (key: string, change: Partial<InstitutionRow>) =>
    update((current) => current.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const importExcel = (file: File) => {
    setImportRejection(null);
    importTask.run(file).then(
      (imported) => {
        const importedRows = toRows(imported.institutions);
        setRows(importedRows);
        autosave.adopt(importedRows);
        setRefusal(null);
        onView(imported);
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

  const refused = refusal ? readdress(refusal.problems, refusal.sentKeys, rows) : [];
  const unmatched = refused.filter((p) => !cellOf(p.field));
  /** The saved list's own problems (a bad code) point at its rows by index: shown while the rows hold that list. */
  const savable = savableRows(rows);
  const showsSavedList =
    JSON.stringify(toInputs(savable)) ===
    JSON.stringify(view.institutions.map(({ name, uscc, agreementFileId }) => ({ name, uscc, agreementFileId })));
  const savedListIssues = showsSavedList
    ? readdress(
        view.incomplete.filter((i) => i.field.startsWith('institutions.')),
        savable.map((r) => r.key),
        rows,
      )
    : [];
  const cellProblems = [...refused, ...savedListIssues];

  return (
    <Card
      size="small"
      className="form-card"
      title={
        <Space>
          集聚服务机构
          <Tag color={rows.length >= minimum ? 'green' : rows.length === 0 ? 'default' : 'red'}>
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
      <Typography.Paragraph type="secondary" className="institutions-rules">
        要求：{ruleRequirement('INSTITUTIONS_BELOW_MIN', config)}；
        <span id={usccHelpId}>{ruleRequirement('USCC_INVALID', config)}</span>
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
        agreementType={agreementType}
        usccHelpId={usccHelpId}
        addedRowKey={addedRowKey}
        editable={editable}
        onEdit={edit}
        onRemove={(key) => update((current) => current.filter((r) => r.key !== key))}
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
              const key = newRowKey();
              setAddedRowKey(key);
              update((current) => [...current, { key, name: '', uscc: '', agreementFileId: null }]);
            }}
          >
            添加机构
          </Button>
          <AutosaveStatus
            state={autosave.state}
            onRetry={() => void autosave.flush()}
            testId="institutions-autosave-status"
          />
        </div>
      )}
    </Card>
  );
}
