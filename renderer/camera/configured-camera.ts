import { describeError, err, ok, type Result } from '../../drivers/result';
import { DEFAULT_CAMERA_CONSTRAINTS, openCamera } from './camera';
import { cameraErrorCode } from './camera-errors';
import { type CameraDevice, cameraConstraints, pickCamera } from './quality/pick-camera';

/** The two calls of navigator.mediaDevices the choice needs, so tests can hand in a fake. */
export interface MediaDevicesLike {
  enumerateDevices(): Promise<readonly CameraDevice[]>;
  getUserMedia(constraints: MediaStreamConstraints): Promise<{ getTracks(): readonly { stop(): void }[] }>;
}

/**
 * getUserMedia constraints for the kiosk's configured face camera (config `camera.deviceLabel`,
 * reaching the renderer as app.info's `cameraLabel`).
 *
 * - No configured label: the constraints the kiosk has always used (any front camera), without
 *   enumerating, so a kiosk that never configured a camera behaves exactly as before.
 * - A configured label: pickCamera chooses by label (or deviceId) and the constraints are exact.
 *   Labels are empty until camera permission has been granted once, so when nothing matches and
 *   every label is empty the camera is opened once and closed to unlock them, then asked again.
 * - A configured camera that is not connected is 'camera-missing' (the "no camera" message), never
 *   another camera: the citizen's photo must not come from the document or IR camera.
 */
export async function configuredCameraConstraints(media: MediaDevicesLike, preferredLabel: string | null): Promise<Result<MediaStreamConstraints>> {
  const wanted = preferredLabel?.trim() ?? '';
  if (wanted === '') return ok(DEFAULT_CAMERA_CONSTRAINTS);
  try {
    let devices = await media.enumerateDevices();
    let device = pickCamera(devices, wanted);
    if (device === undefined && devices.every((d) => d.label === '')) {
      const probe = await media.getUserMedia({ audio: false, video: true });
      for (const track of probe.getTracks()) track.stop();
      devices = await media.enumerateDevices();
      device = pickCamera(devices, wanted);
    }
    if (device === undefined) return err('camera-missing', 'the configured camera is not connected');
    return ok(cameraConstraints(device));
  } catch (e) {
    return err(cameraErrorCode(e), describeError(e));
  }
}

/** Opens the configured camera (see configuredCameraConstraints) in the browser. */
export async function openConfiguredCamera(preferredLabel: string | null): Promise<Result<MediaStream>> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    return err('camera-unsupported', 'getUserMedia is not available');
  }
  const constraints = await configuredCameraConstraints(navigator.mediaDevices, preferredLabel);
  if (!constraints.ok) return constraints;
  return openCamera(constraints.value);
}
