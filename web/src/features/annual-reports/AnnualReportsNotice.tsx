import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import { annualReportKeys, myAnnualReportApi } from '../../api/annual-reports-api';

/**
 * On the applicant's home, for a unit whose platform is recognised: how many yearly reports wait to be filed and
 * whether a 整改 order waits for an answer, with the way to them. Nothing for other units.
 */
export function AnnualReportsNotice() {
  const reports = useQuery({
    queryKey: annualReportKeys.mine,
    queryFn: ({ signal }) => myAnnualReportApi.list(signal),
  });
  const all = reports.data ?? [];
  if (!all.length) return null;
  const open = all.filter((r) => r.status === 'due' || r.status === 'draft').length;
  const rectifying = all.some((r) => r.rectification?.status === 'open');
  const text = rectifying ? '省厅已责令整改，请报送整改情况' : open ? `有${open}份年度报告待报送` : '年度报告已报送';
  return (
    <Alert
      className="annual-reports-notice"
      type={rectifying || open ? 'warning' : 'info'}
      showIcon
      title={
        <>
          {`示范平台：${text}。`}
          <Link to="/applicant/annual-reports">查看年度报告</Link>
        </>
      }
    />
  );
}
