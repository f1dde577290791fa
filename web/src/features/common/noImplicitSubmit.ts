import type { KeyboardEvent } from 'react';

/**
 * A form whose only single-line field is a date would be submitted by the browser when Enter picks
 * the date (implicit submission). Records are saved with their button, never by a stray Enter.
 */
export function preventImplicitSubmit(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
}
