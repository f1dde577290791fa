import { notificationEndpoints, type MarkNotificationsRead, type NotificationEmail } from '#contract';
import { call } from './client';

export const notificationsApi = {
  page: (limit: number, signal?: AbortSignal) =>
    call(notificationEndpoints.list, { query: { limit, offset: 0 }, signal }),
  unread: (signal?: AbortSignal) => call(notificationEndpoints.unread, { signal }),
  markRead: (input: MarkNotificationsRead) => call(notificationEndpoints.markRead, { body: input }),
  email: (signal?: AbortSignal) => call(notificationEndpoints.getEmail, { signal }),
  setEmail: (input: NotificationEmail) => call(notificationEndpoints.setEmail, { body: input }),
};
