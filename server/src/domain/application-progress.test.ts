import { describe, expect, it } from 'vitest';
import { applicationProgress, type ApplicationHistory } from './application-progress.js';
import { reminderDue, retryDelayMs } from './notifications.js';

const base: ApplicationHistory = {
  status: 'submitted',
  submissions: [{ version: 1, submitted_at: '2022-11-30T16:30:00.000Z' }],
  lastReturn: undefined,
  rejection: undefined,
  recommendation: undefined,
  cityPackage: undefined,
};
const states = (h: ApplicationHistory) => applicationProgress(h).steps.map((s) => `${s.label}:${s.state}`);

describe('the application timeline', () => {
  it('has nothing done for a draft', () => {
    expect(states({ ...base, status: 'draft', submissions: [] })).toEqual([
      '提交申报:current',
      '市级审核:pending',
      '推荐结果:pending',
      '报送省厅:pending',
      '省级受理:pending',
    ]);
  });

  it('shows a return with its date and summary, and a resubmission by its count and first date (Beijing)', () => {
    const returned = applicationProgress({
      ...base,
      status: 'returned',
      lastReturn: { returned_at: '2022-12-01T02:00:00.000Z', summary: '请补充合作协议' },
    });
    expect(returned.steps[2]).toEqual({
      key: 'decision',
      label: '退回修改',
      at: '2022-12-01T02:00:00.000Z',
      state: 'current',
      note: '请补充合作协议',
    });
    const again = applicationProgress({
      ...base,
      submissions: [...base.submissions, { version: 2, submitted_at: '2022-12-02T02:00:00.000Z' }],
    });
    expect(again.steps[0]!.note).toBe('第2次提交（首次提交：2022年12月1日）');
    expect(again.steps[1]!.state).toBe('current');
  });

  it('takes the outcome back when the province returns the package', () => {
    const h: ApplicationHistory = {
      ...base,
      status: 'recommended',
      recommendation: { recommended_at: '2022-12-03T02:00:00.000Z' },
      cityPackage: {
        status: 'returned',
        submitted_at: '2022-12-05T02:00:00.000Z',
        returned_at: '2022-12-06T02:00:00.000Z',
        accepted_at: null,
      },
    };
    expect(applicationProgress(h).outcome).toBeNull();
    expect(applicationProgress(h).steps[3]).toMatchObject({ state: 'current', at: '2022-12-06T02:00:00.000Z' });
    const submitted = applicationProgress({ ...h, cityPackage: { ...h.cityPackage!, status: 'submitted' } });
    expect(submitted.outcome).toMatchObject({ kind: 'forwarded', label: '已报送省厅', at: '2022-12-05T02:00:00.000Z' });
  });

  it('skips the province’s steps for a rejected application, with the reason in the outcome once the package is in', () => {
    const h: ApplicationHistory = {
      ...base,
      status: 'not_recommended',
      rejection: { reason: '服务能力不足', rejected_at: '2022-12-03T02:00:00.000Z' },
      cityPackage: {
        status: 'submitted',
        submitted_at: '2022-12-05T02:00:00.000Z',
        returned_at: null,
        accepted_at: '2022-12-12T02:00:00.000Z',
      },
    };
    expect(states(h)).toEqual([
      '提交申报:done',
      '市级审核:done',
      '不予推荐:failed',
      '报送省厅:skipped',
      '省级受理:skipped',
    ]);
    expect(applicationProgress(h).outcome).toEqual({
      kind: 'not_recommended',
      label: '未获推荐',
      reason: '服务能力不足',
      at: '2022-12-05T02:00:00.000Z',
    });
  });
});

describe('省级受理 on the timeline', () => {
  const forwarded: ApplicationHistory = {
    ...base,
    status: 'recommended',
    recommendation: { recommended_at: '2022-12-03T02:00:00.000Z' },
    cityPackage: {
      status: 'submitted',
      submitted_at: '2022-12-05T02:00:00.000Z',
      returned_at: null,
      accepted_at: null,
    },
  };

  it('waits for the province while the package is received but not accepted', () => {
    expect(applicationProgress(forwarded).steps[4]).toEqual({
      key: 'province',
      label: '省级受理',
      at: null,
      state: 'current',
      note: '等待省工业和信息化厅受理',
    });
  });

  it('is done, dated, once the province accepts the package, and says what follows', () => {
    const accepted = applicationProgress({
      ...forwarded,
      cityPackage: { ...forwarded.cityPackage!, accepted_at: '2022-12-12T02:00:00.000Z' },
    });
    expect(accepted.steps.map((s) => `${s.label}:${s.state}`)).toEqual([
      '提交申报:done',
      '市级审核:done',
      '市级推荐:done',
      '已报送省厅:done',
      '省级受理:done',
    ]);
    expect(accepted.steps[4]).toMatchObject({ at: '2022-12-12T02:00:00.000Z', state: 'done' });
    expect(accepted.steps[4]!.note).toContain('专家评审');
    expect(accepted.steps[4]!.note).toContain('公示');
    expect(accepted.outcome).toMatchObject({ kind: 'forwarded', at: '2022-12-05T02:00:00.000Z' });
  });
});

describe('reminder thresholds and retries', () => {
  const deadline = '2022-12-09T23:59:59+08:00';
  const before = (ms: number) => new Date(Date.parse(deadline) - ms);
  const DAY = 86_400_000;
  it('names the smallest threshold the time left is within', () => {
    expect(reminderDue(before(7 * DAY + 1000), deadline)).toBeNull();
    expect(reminderDue(before(7 * DAY), deadline)).toBe(7);
    expect(reminderDue(before(3 * DAY + 1), deadline)).toBe(7);
    expect(reminderDue(before(2 * DAY), deadline)).toBe(3);
    expect(reminderDue(before(1000), deadline)).toBe(1);
    expect(reminderDue(before(0), deadline)).toBeNull();
  });
  it('backs off 30 s, 1, 2, 4 minutes … up to an hour', () => {
    expect([1, 2, 3, 4, 20].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 3_600_000]);
  });
});
