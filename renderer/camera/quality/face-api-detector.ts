import type * as FaceApi from '@vladmandic/face-api';
import landmarkBinUrl from '@vladmandic/face-api/model/face_landmark_68_tiny_model.bin?url';
import landmarkManifest from '@vladmandic/face-api/model/face_landmark_68_tiny_model-weights_manifest.json';
import detectorBinUrl from '@vladmandic/face-api/model/tiny_face_detector_model.bin?url';
import detectorManifest from '@vladmandic/face-api/model/tiny_face_detector_model-weights_manifest.json';
import type { DetectedFace, FaceDetector, FaceLandmarks, PixelFrame, Point } from './face-detector';

/**
 * The kiosk's face detector: @vladmandic/face-api's TinyFaceDetector (a tiny YOLOv2, 190 KB of
 * weights) with its 68-point tiny landmark net (77 KB). Why this package: MIT licence; the weights
 * ship inside the npm package (the kiosk reaches no model hub, and must work offline); TensorFlow.js
 * is bundled into its ESM build, so nothing else is installed; its WebGL and CPU backends run
 * without eval, so the renderer's `script-src 'self'` CSP holds (the bundled Long.js probes
 * WebAssembly inside a try and falls back when the CSP refuses it); the two models are a small
 * fraction of @vladmandic/human's 40 MB, which solves far more than this kiosk asks.
 *
 * The weights are imported with `?url`, so Vite copies them into the build with a hashed name and
 * they are fetched from the app's own origin (`connect-src 'self'`); the manifests are bundled.
 * The library itself is imported on first use, keeping 1.3 MB of TensorFlow.js out of the
 * start-up bundle.
 */

type FaceApiModule = typeof FaceApi;

/**
 * The engine calls the bundled TensorFlow.js has at run time but face-api's type declarations
 * leave out; checked before use instead of assumed.
 */
interface TfEngine {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
}

function engineOf(tf: object): TfEngine {
  const e = tf as Partial<TfEngine>;
  if (typeof e.setBackend !== 'function' || typeof e.ready !== 'function' || typeof e.getBackend !== 'function') {
    throw new Error('the bundled TensorFlow.js has no backend controls');
  }
  return e as TfEngine;
}
type WeightSpecs = Parameters<FaceApiModule['tf']['io']['decodeWeights']>[1];

/**
 * Input size of the tiny detector (a multiple of 32). A citizen at the right distance fills half
 * or more of the photo's width, a large face for this net: on the sample faces of the end-to-end
 * test, 320 found such faces with higher confidence than 416 or 512, and it is the cheapest size
 * on a kiosk without a GPU (the CPU backend).
 */
export const DEFAULT_INPUT_SIZE = 320;
const DTYPES = new Set(['float32', 'int32', 'bool', 'string', 'complex64']);

/** The manifests are JSON, typed loosely by TypeScript: check the shape tf.io needs once. */
function weightSpecs(manifest: unknown): WeightSpecs {
  const group: unknown = Array.isArray(manifest) ? manifest[0] : undefined;
  const weights: unknown = typeof group === 'object' && group !== null && 'weights' in group ? group.weights : undefined;
  if (!Array.isArray(weights)) throw new Error('face model manifest has no weights');
  for (const w of weights as unknown[]) {
    const entry = w as { name?: unknown; shape?: unknown; dtype?: unknown };
    if (typeof entry.name !== 'string' || !Array.isArray(entry.shape) || typeof entry.dtype !== 'string' || !DTYPES.has(entry.dtype)) {
      throw new Error('face model manifest entry is malformed');
    }
  }
  return weights as WeightSpecs;
}

async function fetchWeights(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`face model weights: HTTP ${response.status}`);
  return response.arrayBuffer();
}

const centre = (points: readonly FaceApi.Point[]): Point => ({
  x: points.reduce((s, p) => s + p.x, 0) / Math.max(1, points.length),
  y: points.reduce((s, p) => s + p.y, 0) / Math.max(1, points.length),
});

/** The 68-point scheme (iBUG 300-W): 0–16 jaw (8 = chin), 36–41 and 42–47 the two eyes. */
function reduceLandmarks(l: FaceApi.FaceLandmarks68): FaceLandmarks | undefined {
  const jaw = l.getJawOutline();
  const [jawLeft, chin, jawRight] = [jaw[0], jaw[8], jaw[16]];
  if (!jawLeft || !chin || !jawRight) return undefined;
  const a = centre(l.getLeftEye());
  const b = centre(l.getRightEye());
  const [leftEye, rightEye] = a.x <= b.x ? [a, b] : [b, a];
  return { leftEye, rightEye, chin: { x: chin.x, y: chin.y }, jawLeft: { x: jawLeft.x, y: jawLeft.y }, jawRight: { x: jawRight.x, y: jawRight.y } };
}

export interface LoadedFaceDetector extends FaceDetector {
  /** the TensorFlow.js backend in use ('webgl' on kiosk hardware, 'cpu' without a GPU) */
  readonly backend: string;
}

/**
 * Loads the library and both models. Rejects when they cannot be loaded; the photo screen then
 * lets the citizen take the photo without the live checks rather than not at all.
 */
export async function loadFaceApiDetector(inputSize = DEFAULT_INPUT_SIZE): Promise<LoadedFaceDetector> {
  if (inputSize % 32 !== 0 || inputSize < 128) throw new Error('the tiny face detector needs an input size that is a multiple of 32');
  const faceapi: FaceApiModule = await import('@vladmandic/face-api');
  const tf = faceapi.tf;
  const engine = engineOf(tf);
  // WebGL on the kiosk's GPU; the CPU backend where there is none. Never 'wasm': it would fetch
  // its own binaries and need 'wasm-unsafe-eval' in the CSP.
  if (!(await engine.setBackend('webgl').catch(() => false))) await engine.setBackend('cpu');
  await engine.ready();
  const [detectorWeights, landmarkWeights] = await Promise.all([fetchWeights(detectorBinUrl), fetchWeights(landmarkBinUrl)]);
  faceapi.nets.tinyFaceDetector.loadFromWeightMap(tf.io.decodeWeights(detectorWeights, weightSpecs(detectorManifest)));
  faceapi.nets.faceLandmark68TinyNet.loadFromWeightMap(tf.io.decodeWeights(landmarkWeights, weightSpecs(landmarkManifest)));
  const options = new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: 0.3 });

  return {
    backend: engine.getBackend(),
    async detect(frame: PixelFrame): Promise<readonly DetectedFace[]> {
      const pixels = { width: frame.width, height: frame.height, data: new Uint8Array(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength) };
      const image = tf.browser.fromPixels(pixels, 3);
      try {
        const results = await faceapi.detectAllFaces(image, options).withFaceLandmarks(true);
        return results.map((r) => {
          const box = r.detection.box;
          const landmarks = reduceLandmarks(r.landmarks);
          return { box: { x: box.x, y: box.y, width: box.width, height: box.height }, score: r.detection.score, ...(landmarks ? { landmarks } : {}) };
        });
      } finally {
        image.dispose();
      }
    },
  };
}
