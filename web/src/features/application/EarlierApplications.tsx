import { Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { EarlierApplication } from '#contract';
import { formatDateTime } from '../common/format';
import { StatusTag } from '../common/StatusTag';
import './earlier-applications.css';

/** 往年申报: the unit's applications in other batches, read only, each with its receipt once submitted. */
export function EarlierApplications({ earlier }: { earlier: readonly EarlierApplication[] }) {
  if (earlier.length === 0) return null;
  return (
    <Card size="small" title="往年申报" className="earlier-applications" data-testid="earlier-applications">
      <List
        dataSource={[...earlier]}
        renderItem={(item) => (
          <List.Item
            key={item.id}
            actions={
              item.hasReceipt
                ? [
                    <Link key="receipt" to={`/receipt/${item.id}`}>
                      查看回执
                    </Link>,
                  ]
                : []
            }
          >
            <Space direction="vertical" size={2} className="earlier-application">
              <Space wrap size={6}>
                <Typography.Text strong>{item.year}年度</Typography.Text>
                <StatusTag status={item.status} />
              </Space>
              <Typography.Text>{item.platformName || '（未填写平台名称）'}</Typography.Text>
              {item.submittedAt && (
                <Typography.Text type="secondary">提交于 {formatDateTime(item.submittedAt)}</Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
