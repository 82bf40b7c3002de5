import { describeError, err, ok, type Result } from '../../drivers/result';
import type { CapturedPhoto } from '../flows/submit-application';
import { cameraErrorCode } from './camera-errors';
import { centreCrop } from './crop';
import { encodeNearBand } from './encode';
import type { PhotoSpec } from './photo-spec';

/** Any front camera at 720p: what the kiosk opens when no camera is configured. */
export const DEFAULT_CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 720 } },
};

/**
 * The camera lives in the renderer (DESIGN.md "Devices"): getUserMedia, then a canvas. The
 * configured camera is chosen by configured-camera.ts, which passes exact constraints here.
 */
export async function openCamera(constraints: MediaStreamConstraints = DEFAULT_CAMERA_CONSTRAINTS): Promise<Result<MediaStream>> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    return err('camera-unsupported', 'getUserMedia is not available');
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia(constraints);
    return ok(stream);
  } catch (e) {
    return err(cameraErrorCode(e), describeError(e));
  }
}

export function stopCamera(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/**
 * One frame of the live video, centre-cropped to the spec's aspect ratio, scaled to its pixel
 * size and encoded as JPEG near its size band. The preview is mirrored for the citizen; the
 * photo is not (an ID photo shows the face as others see it).
 */
export async function capturePhoto(video: HTMLVideoElement, spec: PhotoSpec): Promise<Result<CapturedPhoto>> {
  if (video.videoWidth === 0 || video.videoHeight === 0) return err('camera-not-ready', 'no video frame yet');
  const canvas = document.createElement('canvas');
  canvas.width = spec.width;
  canvas.height = spec.height;
  const context = canvas.getContext('2d');
  if (context === null) return err('camera-failed', 'no 2d canvas context');
  const crop = centreCrop(video.videoWidth, video.videoHeight, spec.width, spec.height);
  context.imageSmoothingQuality = 'high';
  context.drawImage(video, crop.sx, crop.sy, crop.sw, crop.sh, 0, 0, spec.width, spec.height);
  const encoded = await encodeNearBand((quality) => new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality)), spec);
  if (encoded === null) return err('camera-failed', 'JPEG encoding failed');
  const bytes = new Uint8Array(await encoded.blob.arrayBuffer());
  return ok({ bytes, width: spec.width, height: spec.height });
}
