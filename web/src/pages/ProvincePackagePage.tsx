import { ArrowLeftOutlined, FieldTimeOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Spin } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { TitleWithBatch, useOfficialBatch, withBatch } from '../app/officialBatch';
import { queries } from '../app/queries';
import { failureOf } from '../features/common/failureOf';
import { LoadFailure } from '../features/common/LoadFailure';
import { RefusalAlert } from '../features/common/RefusalAlert';
import {
  AcceptPackageButton,
  ExceptionDialog,
  ReturnPackageDialog,
  useAcceptPackage,
  type PackageTarget,
} from '../features/package/ProvincePackageDialogs';
import { PackageSummary } from '../features/package/PackageSummary';

/** One city's package as the province received it, with 受理, return and deadline exception. */
export function ProvincePackagePage() {
  const { authorityCode = '' } = useParams();
  const batch = useOfficialBatch();
  const packageQuery = useQuery(queries.provincePackage(authorityCode, batch));
  const [dialog, setDialog] = useState<'return' | 'exception' | null>(null);
  const { accepting, refusal, clearRefusal, accept } = useAcceptPackage();

  const loadFailure = failureOf(packageQuery);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  const pkg = packageQuery.data;
  if (!pkg) return <Spin size="large" className="page-spin" />;
  const target: PackageTarget = { authorityCode: pkg.authorityCode, name: pkg.authorityName };
  /** Received and not yet accepted: the province accepts or returns it. */
  const open = pkg.state === 'submitted' && !pkg.acceptedAt;
  return (
    <div className="package-page">
      <div className="page-heading">
        <Link to={withBatch('/province', batch)} className="back-link">
          <ArrowLeftOutlined /> 返回报送情况
        </Link>
        <TitleWithBatch>{pkg.authorityName}推荐材料</TitleWithBatch>
      </div>
      {refusal && <RefusalAlert refusal={refusal} onClose={clearRefusal} />}
      <PackageSummary
        pkg={pkg}
        detailPath={(id) => withBatch(`/province/applications/${id}`, batch)}
        actions={
          <Space>
            {open && (
              <AcceptPackageButton
                target={{ ...target, version: pkg.version }}
                busy={accepting === pkg.authorityCode}
                onAccept={(t) => void accept(t)}
              />
            )}
            {open && (
              <Button danger icon={<RollbackOutlined />} onClick={() => setDialog('return')}>
                退回
              </Button>
            )}
            {!pkg.acceptedAt && (
              <Button icon={<FieldTimeOutlined />} onClick={() => setDialog('exception')}>
                特批延期
              </Button>
            )}
          </Space>
        }
      />
      <ReturnPackageDialog target={dialog === 'return' ? target : null} onClose={() => setDialog(null)} />
      <ExceptionDialog target={dialog === 'exception' ? target : null} onClose={() => setDialog(null)} />
    </div>
  );
}
