import type { PixelFrame } from './face-detector';

/**
 * The current frame of a playing video as pixels, unmirrored (the CSS mirror of the preview is not
 * in the stream). Null until the video has a frame. The canvas is reused between calls: the
 * preview is assessed several times a second.
 */
let canvas: HTMLCanvasElement | null = null;

export function frameFromVideo(video: HTMLVideoElement): PixelFrame | null {
  const { videoWidth: width, videoHeight: height } = video;
  if (width === 0 || height === 0) return null;
  canvas ??= document.createElement('canvas');
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (context === null) return null;
  context.drawImage(video, 0, 0, width, height);
  return context.getImageData(0, 0, width, height);
}

/**
 * Drops the reused canvas and the citizen's face in it: called when the live assessment stops,
 * so the last preview frame does not outlive the session (the heap check in e2e/renewal.e2e.ts).
 */
export function releaseFrameCanvas(): void {
  if (canvas === null) return;
  canvas.width = 0;
  canvas.height = 0;
  canvas = null;
}
