export interface CropRect {
  readonly sx: number;
  readonly sy: number;
  readonly sw: number;
  readonly sh: number;
}

/**
 * The largest centred rectangle of the source frame with the target's aspect ratio: a webcam
 * gives 16:9 landscape frames, the ID photo is 358:441 portrait, so the sides are cut and the
 * face, which the on-screen oval keeps centred, stays in the picture.
 */
export function centreCrop(sourceWidth: number, sourceHeight: number, targetWidth: number, targetHeight: number): CropRect {
  if (sourceWidth <= 0 || sourceHeight <= 0) throw new Error('empty source frame');
  const targetAspect = targetWidth / targetHeight;
  if (sourceWidth / sourceHeight > targetAspect) {
    const sw = Math.round(sourceHeight * targetAspect);
    return { sx: Math.floor((sourceWidth - sw) / 2), sy: 0, sw, sh: sourceHeight };
  }
  const sh = Math.round(sourceWidth / targetAspect);
  return { sx: 0, sy: Math.floor((sourceHeight - sh) / 2), sw: sourceWidth, sh };
}
