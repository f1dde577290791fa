import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Space, Steps, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ApplicationView, BatchConfig, RosterPreview, RosterRowView, RowError } from '#contract';
import { ApiError } from '../../api/client';
import { applicantApi, templateUrls } from '../../api/endpoints';
import { queries } from '../../app/queries';
import { formatDate } from '../common/format';
import { mono } from '../common/mono';
import { RowErrorsTable } from '../common/RowErrorsTable';
import { UploadProgressLine } from '../common/UploadProgressLine';
import { useUploadTask } from '../common/useUploadTask';
import { EvidenceFileList } from '../evidence/EvidenceFileList';
import { ROSTER_EVIDENCE_TYPE } from '../evidence/EvidenceSection';
import { ExcelImportButton } from './ExcelImportButton';

function RosterTable({ preview }: { preview: RosterPreview }) {
  return (
    <Table<RosterRowView>
      className="roster-table"
      size="small"
      rowKey="rowNo"
      dataSource={preview.rows}
      pagination={{ pageSize: 10, showSizeChanger: false, showTotal: (total) => `共 ${total} 家` }}
      scroll={{ x: 1120 }}
      columns={[
        { title: '序号', dataIndex: 'rowNo', width: 60 },
        { title: '企业名称', dataIndex: 'enterpriseName', width: 240 },
        { title: '统一社会信用代码', dataIndex: 'uscc', width: 190, render: mono },
        { title: '联系人', dataIndex: 'contactName', width: 90 },
        { title: '职务', dataIndex: 'position', width: 100 },
        { title: '联系电话', dataIndex: 'phone', width: 130, render: mono },
        { title: '所提供服务', dataIndex: 'service', width: 160 },
        { title: '服务日期', dataIndex: 'servedOn', width: 140, render: (d: string) => formatDate(d) },
      ]}
    />
  );
}

interface RosterSectionProps {
  view: ApplicationView;
  config: BatchConfig;
  editable: boolean;
  onView: (view: ApplicationView) => void;
}

/** 服务企业名单: the previous year's served enterprises, imported from the Excel template. */
export function RosterSection({ view, config, editable, onView }: RosterSectionProps) {
  const { message } = App.useApp();
  const [rejection, setRejection] = useState<{ message: string; rowErrors: RowError[] } | null>(null);
  const { uploading, run } = useUploadTask((file, onProgress) => applicantApi.importRoster(view.id, file, onProgress));
  const minimum = config.rules.minEnterprisesServed;
  const workbook = view.evidence.filter((e) => e.evidenceType === ROSTER_EVIDENCE_TYPE);
  /** Each import keeps its workbook as a new file: a new id means new rows to show. */
  const importedWorkbook = workbook.map((f) => f.id).join();

  const roster = useQuery({
    ...queries.roster(view.id, importedWorkbook),
    enabled: view.rosterCount > 0,
    placeholderData: keepPreviousData,
  });
  const preview = view.rosterCount > 0 ? roster.data : undefined;
  useEffect(() => {
    if (roster.error) message.error(`名单加载失败：${roster.error.message}`);
  }, [roster.error, message]);

  const importRoster = (file: File) => {
    setRejection(null);
    run(file).then(
      (imported) => {
        onView(imported);
        message.success(`服务企业名单已导入，共 ${imported.rosterCount} 家`);
      },
      (error: Error) => {
        if (error instanceof ApiError && error.body.rowErrors)
          setRejection({ message: error.message, rowErrors: error.body.rowErrors });
        else message.error(`导入失败：${error.message}`);
      },
    );
  };

  return (
    <Card
      size="small"
      className="form-card roster-card"
      title={
        <Space>
          上年度服务企业名单
          <Tag color={view.rosterCount >= minimum ? 'green' : 'red'} data-testid="roster-count">
            {view.rosterCount} 家 / 要求不低于 {minimum} 家
          </Tag>
        </Space>
      }
    >
      <Steps
        size="small"
        className="roster-steps"
        items={[
          { title: '下载模板', content: '按模板列填写，不要改动表头' },
          { title: '填写名单', content: '企业名称、信用代码、联系人、职务、电话、所提供服务、服务日期' },
          { title: '导入', content: '有错误时整表不导入，按行号修改后重新导入' },
        ]}
      />
      <Space wrap className="roster-actions">
        <Button icon={<DownloadOutlined />} href={templateUrls.roster}>
          下载名单模板
        </Button>
        {editable && (
          <ExcelImportButton busy={Boolean(uploading)} primary onFile={importRoster}>
            {view.rosterCount > 0 ? '重新导入名单' : '导入名单'}
          </ExcelImportButton>
        )}
        <Typography.Text type="secondary">名单家数即申报的“年服务企业数”，也是市级测评的抽样范围。</Typography.Text>
      </Space>
      {uploading && <UploadProgressLine state={uploading} />}
      {rejection && <RowErrorsTable {...rejection} />}
      {workbook.length > 0 && (
        <div className="roster-workbook">
          <Typography.Text type="secondary">已导入的名单文件：</Typography.Text>
          <EvidenceFileList applicationId={view.id} files={workbook} />
        </div>
      )}
      {preview && <RosterTable preview={preview} />}
    </Card>
  );
}
