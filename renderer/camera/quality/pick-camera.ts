/** The part of MediaDeviceInfo the choice needs, so tests can build devices without a browser. */
export type CameraDevice = Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>;

/**
 * Which camera to open, from enumerateDevices() and the kiosk's configured label. A kiosk may
 * have a document camera or an IR camera beside the face camera, so the configuration names the
 * face camera: an exact label wins, then a case-insensitive part of a label (labels carry the USB
 * id, e.g. "HD Webcam (0c45:6366)", which is stable across ports), then a deviceId. Without a
 * configured label the first video input is used. A configured camera that is not connected gives
 * undefined, not some other camera: the photo must not come from the document camera.
 *
 * Labels are empty until camera permission is granted; the kiosk grants it for its own origin.
 */
export function pickCamera<T extends CameraDevice>(devices: readonly T[], preferredLabel?: string): T | undefined {
  const cameras = devices.filter((d) => d.kind === 'videoinput');
  const wanted = preferredLabel?.trim();
  if (!wanted) return cameras[0];
  const lower = wanted.toLowerCase();
  return (
    cameras.find((d) => d.label === wanted) ??
    cameras.find((d) => d.label.toLowerCase().includes(lower)) ??
    cameras.find((d) => d.deviceId === wanted)
  );
}

/** getUserMedia constraints for the chosen camera: exact, so the browser never substitutes another. */
export function cameraConstraints(device: CameraDevice | undefined): MediaStreamConstraints {
  const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
  return { audio: false, video: device ? { deviceId: { exact: device.deviceId }, ...size } : { facingMode: 'user', ...size } };
}
