import { Badge, Button, Empty, List, Typography } from 'antd';
import type { NotificationView } from '#contract';
import { formatDateTime } from '../common/format';

/** The notifications, newest first: unread ones marked; choosing one marks it read and opens where it leads. */
export function NotificationList({
  items,
  onOpen,
}: {
  items: NotificationView[];
  onOpen: (notification: NotificationView) => void;
}) {
  if (!items.length) return <Empty description="暂无通知" />;
  return (
    <List
      className="notification-list"
      dataSource={items}
      renderItem={(n) => (
        <List.Item
          key={n.id}
          className={n.readAt ? 'notification-item' : 'notification-item unread'}
          data-testid="notification-item"
        >
          <Button type="text" className="notification-open" onClick={() => onOpen(n)}>
            <span className="notification-title">
              {!n.readAt && <Badge status="processing" aria-label="未读" />}
              <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
            </span>
            <Typography.Paragraph className="notification-body">{n.body}</Typography.Paragraph>
            <Typography.Text type="secondary" className="notification-time">
              {formatDateTime(n.createdAt)}
            </Typography.Text>
          </Button>
        </List.Item>
      )}
    />
  );
}
