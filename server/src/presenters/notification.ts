import type { NotificationView } from '#contract';

/** A notification row as its recipient sees it. */
export function presentNotification(n: {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    createdAt: n.created_at,
    readAt: n.read_at,
  };
}
