import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Spin } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { queries } from '../app/queries';
import { useSession } from '../app/session';
import { failureOf } from '../features/common/failureOf';
import { LoadFailure } from '../features/common/LoadFailure';
import { useReferenceData } from '../features/reference/useReferenceData';

/** 附件1 现场核查真实性说明, filled with the unit's name, printed for both seals. */
export function StatementPage() {
  const { id = '' } = useParams();
  const { session } = useSession();
  const reference = useReferenceData();
  const application = useQuery(queries.application(id));

  const loadFailure = failureOf(application);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  const view = application.data;
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
