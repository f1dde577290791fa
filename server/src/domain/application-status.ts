import type { ApplicationStatus } from '../../../shared/src/index.js';
import { AppError } from './errors.js';

/** Every allowed transition of an application, in one place. */
export const applicationTransitions = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
} as const satisfies Record<string, { from: readonly ApplicationStatus[]; to: ApplicationStatus }>;

export type ApplicationEvent = keyof typeof applicationTransitions;

export function nextApplicationStatus(current: ApplicationStatus, event: ApplicationEvent): ApplicationStatus {
  const t = applicationTransitions[event];
  if (!(t.from as readonly string[]).includes(current)) {
    throw new AppError('INVALID_TRANSITION', `当前状态（${current}）下不能执行“${event}”`);
  }
  return t.to;
}

export const isEditable = (status: ApplicationStatus): boolean => status === 'draft' || status === 'returned';
