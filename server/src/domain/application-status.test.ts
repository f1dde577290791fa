import { describe, expect, it } from 'vitest';
import { applicationStatuses, type ApplicationStatus } from '#contract';
import {
  applicationTransitions,
  isEditable,
  isUnderCityReview,
  nextApplicationStatus,
  type ApplicationEvent,
} from './application-status.js';
import { AppError } from './errors.js';

const statuses = Object.keys(applicationStatuses) as ApplicationStatus[];
const events = Object.keys(applicationTransitions) as ApplicationEvent[];
const allowed: Record<string, ApplicationStatus> = {
  'draft:submit': 'submitted',
  'returned:submit': 'submitted',
  'submitted:return': 'returned',
  'submitted:reject': 'not_recommended',
  'submitted:recommend': 'recommended',
  'recommended:withdraw': 'submitted',
};

describe('application state machine', () => {
  for (const from of statuses) {
    for (const event of events) {
      const to = allowed[`${from}:${event}`];
      it(`${from} --${event}--> ${to ?? 'INVALID_TRANSITION'}`, () => {
        if (to) expect(nextApplicationStatus(from, event)).toBe(to);
        else {
          expect(() => nextApplicationStatus(from, event)).toThrow(AppError);
          try {
            nextApplicationStatus(from, event);
          } catch (err) {
            expect((err as AppError).code).toBe('INVALID_TRANSITION');
          }
        }
      });
    }
  }

  it('lets the applicant edit only drafts and returned applications', () => {
    expect(statuses.filter(isEditable)).toEqual(['draft', 'returned']);
  });

  it('keeps an application before the city only while submitted or recommended', () => {
    expect(statuses.filter(isUnderCityReview)).toEqual(['submitted', 'recommended']);
  });
});
