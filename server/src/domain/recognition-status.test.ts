import { describe, expect, it } from 'vitest';
import { recognitionStatuses, type RecognitionStatus } from '#contract';
import { AppError } from './errors.js';
import {
  holdsTitle,
  nextRecognitionStatus,
  recognitionBlockers,
  recognitionSourcesOf,
  recognitionTransitions,
  recognize,
  type RecognitionEvent,
  type RecognitionGate,
} from './recognition-status.js';

const statuses = Object.keys(recognitionStatuses) as RecognitionStatus[];
const events = Object.keys(recognitionTransitions) as RecognitionEvent[];
const allowed: Record<string, RecognitionStatus> = {
  'candidate:publicize': 'publicized',
  'publicized:withdraw': 'withdrawn',
  'publicized:recognize': 'recognized',
  'recognized:order_rectification': 'in_rectification',
  'in_rectification:accept_rectification': 'recognized',
  'recognized:revoke': 'revoked',
  'in_rectification:revoke': 'revoked',
  'recognized:expire': 'expired',
  'in_rectification:expire': 'expired',
  'expired:renew': 'renewed',
};

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('recognised platform state machine', () => {
  for (const from of statuses) {
    for (const event of events) {
      const to = allowed[`${from}:${event}`];
      it(`${from} --${event}--> ${to ?? 'INVALID_TRANSITION'}`, () => {
        if (to) expect(nextRecognitionStatus(from, event)).toBe(to);
        else {
          const err = caught(() => nextRecognitionStatus(from, event));
          expect(err.code).toBe('INVALID_TRANSITION');
          expect(err.message).toContain(`平台当前为“${recognitionStatuses[from]}”`);
        }
      });
    }
  }

  it('names the sources of each event as the conditional update matches them', () => {
    expect(recognitionSourcesOf('revoke')).toEqual(['recognized', 'in_rectification']);
    expect(recognitionSourcesOf('recognize')).toEqual(['publicized']);
  });

  it('counts only recognised platforms, in rectification or not, as holding the title', () => {
    expect(statuses.filter(holdsTitle)).toEqual(['recognized', 'in_rectification']);
  });

  it('leaves withdrawn, revoked and renewed records final', () => {
    for (const final of ['withdrawn', 'revoked', 'renewed'] as const)
      expect(events.filter((e) => allowed[`${final}:${e}`])).toEqual([]);
  });
});

describe('认定 guard', () => {
  const window = { startsAt: '2023-04-27T10:00:00+08:00', endsAt: '2023-05-06T23:59:59+08:00' };
  const gate = (now: string, openObjections: string[] = []): RecognitionGate => ({
    window,
    openObjections,
    now: new Date(now),
  });
  const codes = (g: RecognitionGate) => recognitionBlockers(g).map((b) => b.code);

  it('refuses before the window opens', () => {
    expect(codes(gate('2023-04-27T09:59:59+08:00'))).toEqual(['PUBLICITY_NOT_STARTED']);
    expect(recognitionBlockers(gate('2023-04-26T12:00:00+08:00'))[0]!.message).toBe(
      '公示自2023年4月27日 10:00:00（北京时间）开始，未经公示不能认定',
    );
  });

  it('refuses while the window is open, to its last second', () => {
    expect(codes(gate('2023-04-27T10:00:00+08:00'))).toEqual(['PUBLICITY_OPEN']);
    expect(codes(gate('2023-05-06T23:59:59+08:00'))).toEqual(['PUBLICITY_OPEN']);
    expect(recognitionBlockers(gate('2023-05-01T12:00:00+08:00'))[0]!.message).toBe(
      '公示期至2023年5月6日 23:59:59（北京时间）结束，公示期内不能认定',
    );
  });

  it('allows 认定 from the first second after the window', () => {
    expect(codes(gate('2023-05-07T00:00:00+08:00'))).toEqual([]);
    expect(recognize('publicized', gate('2023-05-07T00:00:00+08:00'))).toBe('recognized');
  });

  it('refuses while an objection about the platform is open, even after the window', () => {
    const g = gate('2023-05-08T09:00:00+08:00', ['YY2023050100001', 'YY2023050200002']);
    expect(recognitionBlockers(g)).toEqual([
      {
        code: 'OBJECTION_OPEN',
        message: '关于该平台的异议尚未办结（受理编号：YY2023050100001、YY2023050200002），异议办结前不能认定',
      },
    ]);
    const err = caught(() => recognize('publicized', g));
    expect(err.code).toBe('INVALID_TRANSITION');
    expect(err.details).toMatchObject({ blockers: [{ code: 'OBJECTION_OPEN' }] });
  });

  it('names every reason at once: window open and an objection open', () => {
    const err = caught(() => recognize('publicized', gate('2023-05-02T09:00:00+08:00', ['YY1'])));
    expect(err.message).toBe(
      '公示期至2023年5月6日 23:59:59（北京时间）结束，公示期内不能认定；关于该平台的异议尚未办结（受理编号：YY1），异议办结前不能认定',
    );
  });

  it('refuses 认定 of a platform not in 公示 before looking at the window', () => {
    const err = caught(() => recognize('candidate', gate('2023-05-08T09:00:00+08:00')));
    expect(err.message).toBe('平台当前为“建议认定”，不能认定');
  });
});
