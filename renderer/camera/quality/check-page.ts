import { assessPhoto, type PhotoAssessment } from './assess';
import { GUIDANCE_EN, GUIDANCE_ZH_CN } from './guidance';
import { loadFaceDetector } from './index';
import { cameraConstraints, pickCamera } from './pick-camera';
import { PHOTO_QUALITY_SPECS, type PhotoKind } from './standards';
import { frameFromVideo } from './video-frame';

/**
 * The technician's camera check (camera-check.html): the configured camera, the packaged face
 * model and the live checks of one photo standard, without a citizen flow around them. It is also
 * how the end-to-end test drives the real detector under the real CSP: everything it learns is
 * written into the page (#status, #assessment), nothing is put on `window`.
 */
const element = (id: string) => {
  const e = document.getElementById(id);
  if (e === null) throw new Error(`camera-check.html has no #${id}`);
  return e;
};
const status = element('status');
const out = element('assessment');
const guidanceText = element('guidance');
const video = element('preview') as HTMLVideoElement;

const isKind = (k: string | null): k is PhotoKind => k !== null && k in PHOTO_QUALITY_SPECS;

/** Labels stay empty until the camera is permitted, so ask once before choosing by label. */
async function openConfiguredCamera(preferredLabel: string | undefined): Promise<MediaStream> {
  let devices = await navigator.mediaDevices.enumerateDevices();
  if (preferredLabel && devices.every((d) => d.label === '')) {
    const probe = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
    for (const t of probe.getTracks()) t.stop();
    devices = await navigator.mediaDevices.enumerateDevices();
  }
  const device = pickCamera(devices, preferredLabel);
  if (preferredLabel && device === undefined) throw new Error(`camera "${preferredLabel}" is not connected`);
  return navigator.mediaDevices.getUserMedia(cameraConstraints(device));
}

function show(a: PhotoAssessment, count: number, backend: string): void {
  out.textContent = JSON.stringify({ count, backend, ...a }, null, 2);
  out.dataset.count = String(count);
  guidanceText.textContent = a.guidance.map((g) => `${GUIDANCE_ZH_CN[g]} / ${GUIDANCE_EN[g]}`).join(' · ');
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const kind = params.get('spec');
  const spec = PHOTO_QUALITY_SPECS[isKind(kind) ? kind : 'resident-id'];
  status.textContent = 'loading model';
  const inputSize = params.get('inputSize');
  const detector = await loadFaceDetector(inputSize === null ? undefined : Number(inputSize));
  status.textContent = 'opening camera';
  video.srcObject = await openConfiguredCamera(params.get('camera') ?? undefined);
  await video.play();
  status.textContent = `live (${spec.kind}, ${detector.backend})`;
  let count = 0;
  // One assessment after another, never overlapping: on the CPU backend one takes longer than a frame.
  for (;;) {
    const frame = frameFromVideo(video);
    if (frame !== null) {
      count += 1;
      show(await assessPhoto(frame, spec, detector), count, detector.backend);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

main().catch((e: unknown) => {
  status.textContent = `error: ${e instanceof Error ? e.message : String(e)}`;
  status.dataset.error = 'true';
});
