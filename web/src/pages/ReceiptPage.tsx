import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { ReceiptView } from '#contract';
import type { ApiError } from '../api/client';
import { applicationsApi } from '../api/endpoints';
import { homePathFor, useSession } from '../app/session';
import { LoadFailure } from '../features/common/LoadFailure';
import { ReceiptDocument } from '../features/receipt/ReceiptDocument';
import { useReferenceData } from '../features/reference/useReferenceData';

export function ReceiptPage() {
  const { id = '' } = useParams();
  const { session } = useSession();
  const reference = useReferenceData();
  const [receipt, setReceipt] = useState<ReceiptView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(() => {
    setError(null);
    applicationsApi.receipt(id).then(setReceipt, setError);
  }, [id]);
  useEffect(load, [load]);

  if (error) return <LoadFailure message={error.message} onRetry={load} />;
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
