import { Alert } from 'antd';
import type { ReactNode } from 'react';
import type { Refusal } from './refusal';

/** The server's refusal of an action, with its code kept for tests and support calls. */
export function RefusalAlert({
  refusal,
  extra,
  onClose,
}: {
  refusal: Refusal;
  extra?: ReactNode;
  onClose?: () => void;
}) {
  return (
    <Alert
      type="error"
      showIcon
      className="refusal-alert"
      data-testid="refusal"
      data-code={refusal.code}
      title={refusal.title}
      description={
        (refusal.message || extra) && (
          <>
            {refusal.message && <div>{refusal.message}</div>}
            {extra}
          </>
        )
      }
      closable={onClose ? { onClose } : undefined}
    />
  );
}
