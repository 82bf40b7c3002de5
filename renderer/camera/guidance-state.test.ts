import { describe, expect, it } from 'vitest';
import { captureReview, type GuidanceEvent, INITIAL_GUIDANCE, type LiveGuidance, nextGuidance } from './guidance-state';
import type { GuidanceCode } from './quality/guidance';

const assessed = (...guidance: GuidanceCode[]): GuidanceEvent => ({ type: 'assessed', guidance });
const run = (events: GuidanceEvent[], from: LiveGuidance = INITIAL_GUIDANCE) => events.reduce(nextGuidance, from);
const shown = (s: LiveGuidance) => (s.status === 'shown' ? s.code : s.status);

describe('live guidance', () => {
  it('is checking until the first assessment, which is shown at once', () => {
    expect(shown(INITIAL_GUIDANCE)).toBe('checking');
    expect(shown(run([assessed('no-face')]))).toBe('no-face');
  });

  it('shows the most important instruction only', () => {
    expect(shown(run([assessed('move-closer', 'too-dark', 'background-not-light')]))).toBe('move-closer');
  });

  it('changes the instruction only when the new one comes first twice in a row', () => {
    const first = run([assessed('no-face'), assessed('move-closer')]);
    expect(shown(first)).toBe('no-face');
    expect(shown(run([assessed('move-closer')], first))).toBe('move-closer');
  });

  it('ignores a single flicker in between', () => {
    const s = run([assessed('ok'), assessed('move-left'), assessed('ok'), assessed('move-left'), assessed('ok')]);
    expect(shown(s)).toBe('ok');
  });

  it('needs the same new instruction twice, not any two different ones', () => {
    expect(shown(run([assessed('ok'), assessed('move-left'), assessed('move-right')]))).toBe('ok');
    expect(shown(run([assessed('ok'), assessed('move-left'), assessed('move-right'), assessed('move-right')]))).toBe('move-right');
  });

  it('returns the same state object when nothing changes (no re-render)', () => {
    const s = run([assessed('ok')]);
    expect(nextGuidance(s, assessed('ok'))).toBe(s);
  });

  it('becomes unavailable when the detector fails, and stays so for late results', () => {
    const s = run([assessed('ok'), { type: 'detector-failed' }, assessed('no-face'), assessed('no-face')]);
    expect(s).toEqual({ status: 'unavailable' });
    expect(run([{ type: 'detector-failed' }])).toEqual({ status: 'unavailable' });
  });

  it('treats an empty guidance list as ok', () => {
    expect(shown(run([assessed()]))).toBe('ok');
  });
});

describe('capture review', () => {
  it('is ok when the assessment is', () => {
    expect(captureReview({ ok: true, guidance: ['ok'] })).toEqual({ status: 'ok' });
  });

  it('suggests a retake with at most two reasons, most important first', () => {
    expect(captureReview({ ok: false, guidance: ['move-closer', 'too-dark', 'background-not-plain'] })).toEqual({
      status: 'retake',
      codes: ['move-closer', 'too-dark'],
    });
    expect(captureReview({ ok: false, guidance: ['no-face'] })).toEqual({ status: 'retake', codes: ['no-face'] });
  });
});
