import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Space, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { certificateKeys, publicCertificateApi } from '../api/certificates-api';
import { failureOf } from '../features/common/failureOf';
import { formatDateTime } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';

/**
 * 撤销认定公告 (public): every revoked recognition with the notice the province published, newest first; each
 * certificate number leads to its verification page.
 */
export function RevocationsPage() {
  const list = useQuery({
    queryKey: certificateKeys.revocations,
    queryFn: ({ signal }) => publicCertificateApi.revocations(signal),
  });
  const loadFailure = failureOf(list);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  return (
    <div className="revocations-page">
      <div className="page-heading">
        <Typography.Title level={1}>撤销认定公告</Typography.Title>
        <Typography.Text type="secondary">
          河南省工业和信息化厅撤销“河南省中小企业公共服务示范平台”认定的公告；被撤销平台的证书自撤销之日起失效。
        </Typography.Text>
      </div>
      {!list.data ? (
        <Spin size="large" className="page-spin" description="正在加载…" />
      ) : list.data.length === 0 ? (
        <Empty description="暂无撤销认定的平台" />
      ) : (
        <Space orientation="vertical" size="middle" className="full-width">
          {[...list.data]
            .sort((a, b) => b.revokedAt.localeCompare(a.revokedAt))
            .map((r) => (
              <Card key={r.key} className="revocation-card">
                <Typography.Title level={2} style={{ fontSize: 18 }}>
                  {`关于撤销${r.platformName}示范平台认定的公告`}
                </Typography.Title>
                <Typography.Paragraph className="pre-wrap">{r.notice}</Typography.Paragraph>
                <Descriptions
                  column={1}
                  size="small"
                  items={[
                    { key: 'unit', label: '运营单位', children: r.unitName },
                    { key: 'city', label: '所在地', children: r.cityName },
                    {
                      key: 'number',
                      label: '证书编号',
                      children: (
                        <Link className="text-link" to={`/verify/${r.key}`}>
                          {r.number}
                        </Link>
                      ),
                    },
                    { key: 'date', label: '撤销时间', children: formatDateTime(r.revokedAt) },
                    { key: 'reason', label: '撤销理由', children: r.reason },
                  ]}
                />
              </Card>
            ))}
        </Space>
      )}
    </div>
  );
}
