import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * A real face for Chromium's fake camera: a photo that ships inside @vladmandic/face-api
 * (demo/sample1.jpg, the author's own photograph in the MIT-licensed package), one face cut out
 * and set on a light backdrop with Debian's ffmpeg into a .y4m that Chromium plays as the camera
 * (`fakeCameraArgs`). Chromium's own fake pattern (no arguments) is the no-face case.
 */
export const FACE_SAMPLE = join(import.meta.dirname, '..', 'node_modules', '@vladmandic', 'face-api', 'demo', 'sample1.jpg');

/** At this scale the face is as wide as GA 461 asks of a resident ID photo (207 of 358 px). */
export const RESIDENT_ID_FACE_SCALE = 1.85;
/** At this scale the face is clearly too small for a resident ID photo. */
export const FACE_TOO_FAR_SCALE = 1.4;

/**
 * The left of the three people in sample1.jpg (1920 × 1280) looks into the lens; her face is
 * centred near x 474 and her eyes near y 458 of the original. `scale` enlarges a window around the
 * face so that it sets a 630 × 720 picture in the middle of a 1280 × 720 light-grey frame with the
 * eyes 302 px from the top (0.42 of the photo's height). Returns the .y4m's path inside `dir`.
 */
export function makeFaceVideo(dir: string, scale: number): string {
  const file = join(dir, `face-${scale}.y4m`);
  const w = Math.round(630 / scale);
  const h = Math.round(720 / scale);
  const x = Math.round(474 - w / 2);
  const y = Math.round(458 - 302 / scale);
  execFileSync('ffmpeg', [
    '-loglevel', 'error', '-y', '-i', FACE_SAMPLE,
    '-vf', `crop=${w}:${h}:${x}:${y},scale=630:720,pad=1280:720:325:0:color=0xE8E8E8,format=yuv420p`,
    '-frames:v', '1', file,
  ]);
  return file;
}

/** Chromium arguments (for launchChromium) that play `video` as the fake camera. */
export function fakeCameraArgs(video: string): string[] {
  return [`--use-file-for-fake-video-capture=${video}`];
}
