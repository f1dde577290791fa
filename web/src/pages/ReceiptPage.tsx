import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Spin } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { queries } from '../app/queries';
import { homePathFor, useSession } from '../app/session';
import { failureOf } from '../features/common/failureOf';
import { LoadFailure } from '../features/common/LoadFailure';
import { ReceiptDocument } from '../features/receipt/ReceiptDocument';
import { useReferenceData } from '../features/reference/useReferenceData';

export function ReceiptPage() {
  const { id = '' } = useParams();
  const { session } = useSession();
  const reference = useReferenceData();
  const receiptQuery = useQuery(queries.receipt(id));

  const loadFailure = failureOf(receiptQuery);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  const receipt = receiptQuery.data;
  if (!receipt) return <Spin size="large" className="page-spin" />;

  const evidenceTypes = reference.data?.batches.flatMap((b) => b.config.evidenceTypes) ?? [];
  const evidenceLabel = (key: string) => evidenceTypes.find((t) => t.key === key)?.label ?? key;
  return (
    <div className="receipt-page">
      <Space className="receipt-toolbar app-chrome">
        {session.user && (
          <Link to={homePathFor(session.user.role)}>
            <Button icon={<ArrowLeftOutlined />}>返回</Button>
          </Link>
        )}
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
      </Space>
      <ReceiptDocument receipt={receipt} evidenceLabel={evidenceLabel} demo={session.demo} />
    </div>
  );
}
