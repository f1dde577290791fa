import { z } from 'zod';

/** A notification as its recipient sees it; `link` is a path of the web app to act on it. */
export const notificationViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationViewSchema>;

/** A page of the user's notifications, newest first, with the total and the unread count. */
export const notificationPageSchema = z.object({
  items: z.array(notificationViewSchema),
  total: z.number().int(),
  unread: z.number().int(),
});
export type NotificationPage = z.infer<typeof notificationPageSchema>;

export const NOTIFICATION_PAGE_MAX = 50;

export const notificationPageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(NOTIFICATION_PAGE_MAX).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Marks the given notifications read, or all of them. */
export const markNotificationsReadSchema = z.union([
  z.object({
    ids: z
      .array(z.uuid({ error: '须为通知编号' }))
      .min(1)
      .max(NOTIFICATION_PAGE_MAX),
  }),
  z.object({ all: z.literal(true) }),
]);
export type MarkNotificationsRead = z.infer<typeof markNotificationsReadSchema>;

/** The address notifications are also emailed to (null: in the app only). */
export const notificationEmailSchema = z.object({
  email: z.email({ error: '电子邮箱：格式不正确' }).max(254, { error: '电子邮箱：不超过254个字符' }).nullable(),
});
export type NotificationEmail = z.infer<typeof notificationEmailSchema>;
