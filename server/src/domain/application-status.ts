import type { ApplicationStatus } from '../../../shared/src/index.js';
import { AppError } from './errors.js';

/** Every allowed transition of an application, in one place. */
export const applicationTransitions = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
  reject: { from: ['submitted'], to: 'not_recommended' },
  recommend: { from: ['submitted'], to: 'recommended' },
  withdraw: { from: ['recommended'], to: 'submitted' },
} as const satisfies Record<string, { from: readonly ApplicationStatus[]; to: ApplicationStatus }>;

export type ApplicationEvent = keyof typeof applicationTransitions;

const eventLabels: Record<ApplicationEvent, string> = {
  submit: '提交',
  return: '退回修改',
  reject: '不予推荐',
  recommend: '推荐',
  withdraw: '撤回推荐',
};
const statusLabels: Record<ApplicationStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '退回修改',
  not_recommended: '不予推荐',
  recommended: '已推荐',
};

export function nextApplicationStatus(current: ApplicationStatus, event: ApplicationEvent): ApplicationStatus {
  const t = applicationTransitions[event];
  if (!(t.from as readonly string[]).includes(current)) {
    throw new AppError('INVALID_TRANSITION', `申报当前为“${statusLabels[current]}”，不能${eventLabels[event]}`, { from: current, event });
  }
  return t.to;
}

export const isEditable = (status: ApplicationStatus): boolean => status === 'draft' || status === 'returned';

/** The city may record its review only while the application is before it. */
export const isUnderCityReview = (status: ApplicationStatus): boolean => status === 'submitted' || status === 'recommended';
