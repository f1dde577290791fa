import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { notificationsApi } from '../../api/notifications-api';
import { queryKeys } from '../../app/queries';

/** The bell asks for the unread count this often (and when the window regains focus). */
export const UNREAD_POLL_MS = 30_000;
export const PAGE_SIZE = 20;

export const notificationQueries = {
  page: (limit: number) =>
    queryOptions({
      queryKey: queryKeys.notificationPage(limit),
      queryFn: ({ signal }) => notificationsApi.page(limit, signal),
    }),
  unread: () =>
    queryOptions({
      queryKey: queryKeys.unreadNotifications,
      queryFn: ({ signal }) => notificationsApi.unread(signal),
      refetchInterval: UNREAD_POLL_MS,
    }),
  email: () =>
    queryOptions({ queryKey: queryKeys.notificationEmail, queryFn: ({ signal }) => notificationsApi.email(signal) }),
};

/** After marking read: the new unread count, and the pages asked again. */
export function notificationsRead(queryClient: QueryClient, unread: number): void {
  queryClient.setQueryData(queryKeys.unreadNotifications, { unread });
  void queryClient.invalidateQueries({ queryKey: [...queryKeys.notifications, 'page'] });
}
