export { assessPhoto, MIN_FACE_SCORE, type PhotoAssessment } from './assess';
export type { DetectedFace, FaceBox, FaceDetector, FaceLandmarks, PixelFrame, Point } from './face-detector';
export type { FaceMeasure } from './geometry';
export { GUIDANCE_CODES, GUIDANCE_EN, GUIDANCE_MESSAGES, GUIDANCE_ZH_CN, type GuidanceCode, guidanceKey } from './guidance';
export { type CameraDevice, cameraConstraints, pickCamera } from './pick-camera';
export { type CanvasLike, type FrameInput } from './pixels';
export {
  DRIVING_LICENCE_QUALITY,
  EXIT_ENTRY_QUALITY,
  PHOTO_QUALITY_SPECS,
  type PhotoKind,
  type PhotoQualitySpec,
  RESIDENT_ID_QUALITY,
} from './standards';
export { frameFromVideo, releaseFrameCanvas } from './video-frame';

/** The packaged detector, loaded on first use so TensorFlow.js stays out of the start-up bundle. */
export async function loadFaceDetector(inputSize?: number) {
  const { loadFaceApiDetector } = await import('./face-api-detector');
  return loadFaceApiDetector(inputSize);
}
