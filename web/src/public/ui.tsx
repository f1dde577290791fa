import type { ReactNode } from 'react';
import { Icon, type IconName } from './icons';
import './public.css';

const ALERT_ICONS: Record<'warning' | 'info' | 'error', IconName> = {
  warning: 'exclamationCircle',
  info: 'infoCircle',
  error: 'closeCircle',
};

/** A notice in the colours of its kind; an error is announced as it appears. */
export function Alert({
  type,
  title,
  description,
  icon,
  className,
  testId,
}: {
  type: 'warning' | 'info' | 'error';
  title: string;
  description?: string;
  icon?: IconName;
  className?: string;
  testId?: string;
}) {
  const classes = ['pub-alert', `pub-alert-${type}`, description ? 'pub-alert-described' : '', className ?? ''];
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      role={type === 'error' ? 'alert' : undefined}
      data-testid={testId}
    >
      <Icon name={icon ?? ALERT_ICONS[type]} className="pub-alert-icon" />
      <div>
        <div className="pub-alert-title">{title}</div>
        {description && <div>{description}</div>}
      </div>
    </div>
  );
}

/** A white card with a title bar. */
export function Card({
  title,
  small = false,
  className,
  testId,
  children,
}: {
  title: string;
  small?: boolean;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const classes = ['pub-card', small ? 'pub-card-small' : '', className ?? ''];
  return (
    <section className={classes.filter(Boolean).join(' ')} data-testid={testId}>
      <div className="pub-card-head">{title}</div>
      <div className="pub-card-body">{children}</div>
    </section>
  );
}

/** A field's error or warning, shown under its control in place of its explanation. */
export interface FieldNote {
  status: 'error' | 'warning';
  message: string;
}

/** The accessible state of a field's control: invalid, and described by the note under it. */
export function controlProps(id: string, note: FieldNote | undefined, extra: string | undefined) {
  const describedBy = note ? `${id}_help` : extra ? `${id}_extra` : undefined;
  return {
    id,
    'aria-invalid': note?.status === 'error' ? true : undefined,
    'aria-describedby': describedBy,
  };
}

/** The class of a bordered control in a field with a note. */
export function invalidClass(note: FieldNote | undefined): string {
  if (!note) return '';
  return note.status === 'error' ? ' pub-invalid' : ' pub-invalid pub-invalid-warning';
}

/** A labelled form field: its label, its control, and the error, warning or explanation under it. */
export function Field({
  id,
  label,
  note,
  extra,
  children,
}: {
  id: string;
  label: string;
  note?: FieldNote;
  extra?: string;
  children: ReactNode;
}) {
  return (
    <div className={note ? 'pub-field pub-field-with-help' : 'pub-field'}>
      <label className="pub-label" htmlFor={id}>
        {label}
      </label>
      {children}
      {note ? (
        <div
          id={`${id}_help`}
          className={note.status === 'error' ? 'pub-help' : 'pub-help pub-help-warning'}
          role="alert"
        >
          {note.message}
        </div>
      ) : (
        extra && (
          <div id={`${id}_extra`} className="pub-extra">
            {extra}
          </div>
        )
      )}
    </div>
  );
}
