import { type RefObject, useEffect, useReducer, useState } from 'react';
import type { CapturedPhoto } from '../flows/submit-application';
import { lazyOnce, startAssessLoop } from './assess-loop';
import { type CaptureReview, captureReview, INITIAL_GUIDANCE, type LiveGuidance, nextGuidance } from './guidance-state';
import { frameFromJpeg } from './photo-frame';
import { assessPhoto, frameFromVideo, loadFaceDetector, type PhotoQualitySpec, releaseFrameCanvas } from './quality';

/** About three assessments a second: steady advice without taking the CPU from the preview. */
export const ASSESS_INTERVAL_MS = 300;

/** Loaded when the photo screen first opens, then kept for every later citizen. */
const faceDetector = lazyOnce(() => loadFaceDetector());

/**
 * Live advice for the preview while `live`: the face model is requested as soon as the screen
 * mounts, frames are assessed one after another (assess-loop.ts) and the loop stops when the
 * screen unmounts, which is also what happens when a photo is taken (the preview view gives way to
 * the result view). The advice never gates the capture button (see photo-screen.tsx).
 */
export function useLiveGuidance(videoRef: RefObject<HTMLVideoElement | null>, live: boolean, spec: PhotoQualitySpec): LiveGuidance {
  const [state, dispatch] = useReducer(nextGuidance, INITIAL_GUIDANCE);
  useEffect(() => {
    let cancelled = false;
    let stop: (() => void) | null = null;
    faceDetector().then(
      (detector) => {
        if (cancelled || !live) return;
        stop = startAssessLoop({
          run: async () => {
            const video = videoRef.current;
            const frame = video === null ? null : frameFromVideo(video);
            return frame === null ? null : assessPhoto(frame, spec, detector);
          },
          onResult: (assessment) => dispatch({ type: 'assessed', guidance: assessment.guidance }),
          onError: () => dispatch({ type: 'detector-failed' }),
          intervalMs: ASSESS_INTERVAL_MS,
        });
      },
      () => {
        if (!cancelled) dispatch({ type: 'detector-failed' });
      },
    );
    return () => {
      cancelled = true;
      stop?.();
      releaseFrameCanvas();
    };
  }, [live, spec, videoRef]);
  return state;
}

/** The verdict on a captured photo (null while there is none). */
export function useCaptureReview(photo: CapturedPhoto | null, spec: PhotoQualitySpec): CaptureReview | null {
  const [review, setReview] = useState<{ photo: CapturedPhoto; review: CaptureReview } | null>(null);
  useEffect(() => {
    if (photo === null) return;
    let cancelled = false;
    const check = async (): Promise<CaptureReview> => {
      const detector = await faceDetector();
      const frame = await frameFromJpeg(photo.bytes);
      return frame === null ? { status: 'unavailable' } : captureReview(await assessPhoto(frame, spec, detector));
    };
    check().then(
      (r) => {
        if (!cancelled) setReview({ photo, review: r });
      },
      () => {
        if (!cancelled) setReview({ photo, review: { status: 'unavailable' } });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [photo, spec]);
  if (photo === null) return null;
  // A verdict belongs to the photo it was made for: a retaken photo is 'checking' until its own.
  return review !== null && review.photo === photo ? review.review : { status: 'checking' };
}
