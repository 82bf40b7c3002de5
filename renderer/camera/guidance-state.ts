import type { GuidanceCode } from './quality/guidance';

/**
 * What the live photo screen shows while the camera runs, derived from the stream of assessments.
 *
 * - 'checking': the face model is loading or nothing has been assessed yet;
 * - 'unavailable': the model could not be loaded or stopped working: the citizen takes the photo
 *   without live advice (a member of staff reviews it) rather than not at all;
 * - 'shown': one instruction (`code`, the most important of the latest assessments), or 'ok'.
 *
 * The shown instruction only changes once a different one has come first in two assessments in a
 * row: the detector's verdict flickers from frame to frame near its thresholds, and large text that
 * jumps between instructions several times a second is something nobody can follow. At 2–4
 * assessments a second that costs a fraction of a second.
 */
export type LiveGuidance =
  | { readonly status: 'checking' }
  | { readonly status: 'unavailable' }
  | { readonly status: 'shown'; readonly code: GuidanceCode; readonly candidate: GuidanceCode | null };

export type GuidanceEvent = { readonly type: 'assessed'; readonly guidance: readonly GuidanceCode[] } | { readonly type: 'detector-failed' };

export const INITIAL_GUIDANCE: LiveGuidance = { status: 'checking' };

export function nextGuidance(state: LiveGuidance, event: GuidanceEvent): LiveGuidance {
  if (event.type === 'detector-failed') return { status: 'unavailable' };
  // An assessment after a failure would be a stale one still in flight: stay without advice.
  if (state.status === 'unavailable') return state;
  const top = event.guidance[0] ?? 'ok';
  if (state.status === 'checking') return { status: 'shown', code: top, candidate: null };
  if (top === state.code) return state.candidate === null ? state : { ...state, candidate: null };
  if (top === state.candidate) return { status: 'shown', code: top, candidate: null };
  return { ...state, candidate: top };
}

/** The verdict on the captured photo, shown beside the preview. */
export type CaptureReview =
  | { readonly status: 'checking' }
  | { readonly status: 'unavailable' }
  | { readonly status: 'ok' }
  /** a retake is suggested; the first one or two instructions say why */
  | { readonly status: 'retake'; readonly codes: readonly GuidanceCode[] };

/** At most this many reasons under "retake suggested": one instruction at a time is easier to act on. */
export const REVIEW_REASONS = 2;

export function captureReview(assessment: { readonly ok: boolean; readonly guidance: readonly GuidanceCode[] }): CaptureReview {
  if (assessment.ok) return { status: 'ok' };
  const codes = assessment.guidance.filter((g) => g !== 'ok').slice(0, REVIEW_REASONS);
  return codes.length === 0 ? { status: 'ok' } : { status: 'retake', codes };
}
