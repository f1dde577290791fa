import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Divider, Drawer, Space, Spin } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { NotificationView } from '#contract';
import { notificationsApi } from '../../api/notifications-api';
import { LoadFailure } from '../common/LoadFailure';
import { useAction } from '../common/useAction';
import { NotificationEmailForm } from './NotificationEmailForm';
import { NotificationList } from './NotificationList';
import { notificationQueries, notificationsRead, PAGE_SIZE } from './notificationQueries';
import './notifications.css';

/** The notification centre in a drawer: newest first, more on demand, mark one (by opening it) or all read. */
function NotificationCenter({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [limit, setLimit] = useState(PAGE_SIZE);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const page = useQuery({ ...notificationQueries.page(limit), enabled: open });
  const markAll = useAction({
    action: () => notificationsApi.markRead({ all: true }),
    success: '已全部标为已读',
    onDone: (r) => notificationsRead(queryClient, r.unread),
  });
  const openOne = async (n: NotificationView) => {
    if (!n.readAt) notificationsRead(queryClient, (await notificationsApi.markRead({ ids: [n.id] })).unread);
    if (n.link) {
      onClose();
      void navigate(n.link);
    }
  };
  const data = page.data;
  return (
    <Drawer
      title="通知"
      open={open}
      onClose={onClose}
      size="min(400px, 100vw)"
      className="notification-drawer"
      extra={
        <Button size="small" disabled={!data?.unread} loading={markAll.busy} onClick={() => void markAll.run()}>
          全部标为已读
        </Button>
      }
    >
      {page.isError ? (
        <LoadFailure message={page.error.message} onRetry={() => void page.refetch()} />
      ) : !data ? (
        <Spin />
      ) : (
        <Space orientation="vertical" size="middle" className="notification-center full-width">
          <NotificationList items={data.items} onOpen={(n) => void openOne(n)} />
          {data.items.length < data.total && (
            <Button block loading={page.isFetching} onClick={() => setLimit((l) => l + PAGE_SIZE)}>
              加载更多（共 {data.total} 条）
            </Button>
          )}
          <Divider />
          <NotificationEmailForm />
        </Space>
      )}
    </Drawer>
  );
}

/** The bell in the top bar with the unread count; it opens the notification centre. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const { data } = useQuery(notificationQueries.unread());
  const unread = data?.unread ?? 0;
  return (
    <>
      <Badge count={unread} size="small" overflowCount={99} className="notification-badge">
        <Button
          type="text"
          className="top-bar-bell"
          icon={<BellOutlined />}
          aria-label={unread ? `通知（${unread} 条未读）` : '通知'}
          data-testid="notification-bell"
          onClick={() => setOpen(true)}
        />
      </Badge>
      <NotificationCenter open={open} onClose={() => setOpen(false)} />
    </>
  );
}
