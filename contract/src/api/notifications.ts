import { z } from 'zod';
import {
  markNotificationsReadSchema,
  notificationEmailSchema,
  notificationPageQuerySchema,
  notificationPageSchema,
} from '../notifications.js';
import { endpoint } from './endpoint.js';

/** The signed-in user's notification centre, and the address its notifications are emailed to. */
export const notificationEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/v1/notifications',
    query: notificationPageQuerySchema,
    response: notificationPageSchema,
  }),
  unread: endpoint({
    method: 'GET',
    path: '/api/v1/notifications/unread',
    response: z.object({ unread: z.number().int() }),
  }),
  markRead: endpoint({
    method: 'POST',
    path: '/api/v1/notifications/read',
    body: markNotificationsReadSchema,
    response: z.object({ unread: z.number().int() }),
  }),
  getEmail: endpoint({ method: 'GET', path: '/api/v1/account/notification-email', response: notificationEmailSchema }),
  setEmail: endpoint({
    method: 'PUT',
    path: '/api/v1/account/notification-email',
    body: notificationEmailSchema,
    response: notificationEmailSchema,
  }),
};
