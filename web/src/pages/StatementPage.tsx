import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { ApplicationView } from '#contract';
import type { ApiError } from '../api/client';
import { applicationsApi } from '../api/endpoints';
import { useSession } from '../app/session';
import { LoadFailure } from '../features/common/LoadFailure';
import { useReferenceData } from '../features/reference/useReferenceData';

/** 附件1 现场核查真实性说明, filled with the unit's name, printed for both seals. */
export function StatementPage() {
  const { id = '' } = useParams();
  const { session } = useSession();
  const reference = useReferenceData();
  const [view, setView] = useState<ApplicationView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => {
    setError(null);
    applicationsApi.get(id).then(setView, setError);
  }, [id]);
  useEffect(load, [load]);

  if (error) return <LoadFailure message={error.message} onRetry={load} />;
  if (!view || !reference.data) return <Spin size="large" className="page-spin" />;
  const batch = reference.data.batches.find((b) => b.id === view.batchId);
  return (
    <div className="receipt-page">
      <Space className="receipt-toolbar app-chrome">
        <Link to={`/${session.user?.role === 'province' ? 'province' : 'city'}/applications/${view.id}?tab=siteCheck`}>
          <Button icon={<ArrowLeftOutlined />}>返回</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
      </Space>
      <div className="receipt-document statement-document">
        <div className="statement-annex">附件1</div>
        <h1 className="statement-title">现场核查真实性说明</h1>
        <p className="statement-body">
          经现场核查，<span className="statement-unit">{view.unitName}</span>
          {batch?.year ?? ''}年度河南省中小企业公共服务示范平台申报材料真实有效，符合申报要求。
        </p>
        <div className="statement-seals">
          <span>（被核查单位盖章）</span>
          <span>（工业和信息化主管部门盖章）</span>
        </div>
        <div className="statement-date">年　　月　　日</div>
        {session.demo && <div className="receipt-demo">演示环境生成，不作为正式文件</div>}
      </div>
    </div>
  );
}
