import type { PixelFrame } from './quality/face-detector';

/**
 * The pixels of the captured JPEG, decoded again: the check after capture judges exactly the photo
 * that will be submitted (crop, scale and compression included), not the video frame before it.
 * The canvas is emptied afterwards so no copy of the citizen's face outlives the check.
 */
export async function frameFromJpeg(bytes: Uint8Array<ArrayBuffer>): Promise<PixelFrame | null> {
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
  const canvas = document.createElement('canvas');
  try {
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (context === null) return null;
    context.drawImage(bitmap, 0, 0);
    return context.getImageData(0, 0, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
    canvas.width = 0;
    canvas.height = 0;
  }
}
