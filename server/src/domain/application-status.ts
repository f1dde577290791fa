import { applicationStatuses, editableStatuses, underCityReviewStatuses, type ApplicationStatus } from '#contract';
import { AppError } from './errors.js';

/** Every allowed transition of an application, in one place. */
export const applicationTransitions = {
  submit: { from: editableStatuses, to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
  reject: { from: ['submitted'], to: 'not_recommended' },
  recommend: { from: ['submitted'], to: 'recommended' },
  withdraw: { from: ['recommended'], to: 'submitted' },
} as const satisfies Record<string, { from: readonly ApplicationStatus[]; to: ApplicationStatus }>;

export type ApplicationEvent = keyof typeof applicationTransitions;

/** The statuses from which `event` is allowed: what a repository's conditional UPDATE matches. */
export const sourcesOf = (event: ApplicationEvent): ApplicationStatus[] => [...applicationTransitions[event].from];

/** The status `event` moves an application to. */
export const targetOf = (event: ApplicationEvent): ApplicationStatus => applicationTransitions[event].to;

const eventLabels: Record<ApplicationEvent, string> = {
  submit: '提交',
  return: '退回修改',
  reject: '不予推荐',
  recommend: '推荐',
  withdraw: '撤回推荐',
};

export function nextApplicationStatus(current: ApplicationStatus, event: ApplicationEvent): ApplicationStatus {
  const t = applicationTransitions[event];
  if (!(t.from as readonly string[]).includes(current)) {
    throw new AppError('INVALID_TRANSITION', `申报当前为“${applicationStatuses[current]}”，不能${eventLabels[event]}`, {
      from: current,
      event,
    });
  }
  return t.to;
}

/** The applicant may edit while the application may still be submitted. */
export { editableStatuses };
export const isEditable = (status: ApplicationStatus): boolean =>
  (editableStatuses as readonly ApplicationStatus[]).includes(status);

/** The city may record its review only while the application is before it. */
export const isUnderCityReview = (status: ApplicationStatus): boolean =>
  (underCityReviewStatuses as readonly ApplicationStatus[]).includes(status);
