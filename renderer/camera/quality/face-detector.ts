/**
 * The narrowest face detector the quality checks need: boxes with a score, and the few landmarks
 * that place the eye line and the chin when the model gives them. Tests hand in a fake one; the
 * kiosk uses the packaged model (face-api-detector.ts).
 */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface FaceBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Landmarks in frame pixels, reduced from whatever point set the model has. */
export interface FaceLandmarks {
  /** the centre of the eye on the left of the image */
  readonly leftEye: Point;
  readonly rightEye: Point;
  /** the lowest point of the chin */
  readonly chin: Point;
  /** the jaw line's outermost points at ear level: their distance is the face width */
  readonly jawLeft: Point;
  readonly jawRight: Point;
}

export interface DetectedFace {
  /** in frame pixels */
  readonly box: FaceBox;
  /** the model's confidence, 0–1 */
  readonly score: number;
  readonly landmarks?: FaceLandmarks;
}

/** RGBA pixels, row-major: ImageData has this shape, and so can a test's synthetic frame. */
export interface PixelFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

export interface FaceDetector {
  detect(frame: PixelFrame): Promise<readonly DetectedFace[]>;
}
