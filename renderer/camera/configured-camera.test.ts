import { describe, expect, it } from 'vitest';
import { DEFAULT_CAMERA_CONSTRAINTS } from './camera';
import { configuredCameraConstraints, type MediaDevicesLike } from './configured-camera';
import type { CameraDevice } from './quality/pick-camera';

const FACE: CameraDevice = { deviceId: 'face-1', kind: 'videoinput', label: 'HD Webcam (0c45:6366)' };
const DOC: CameraDevice = { deviceId: 'doc-1', kind: 'videoinput', label: 'Document Camera (1234:5678)' };
const MIC: CameraDevice = { deviceId: 'mic-1', kind: 'audioinput', label: 'Microphone' };
const unlabelled = (d: CameraDevice): CameraDevice => ({ ...d, deviceId: '', label: '' });

/** Devices as Chromium reports them: labels empty until the camera has been opened once. */
function fakeMedia(devices: CameraDevice[], options: { labelsAfterProbe?: boolean; probeFails?: Error } = {}) {
  let permitted = !options.labelsAfterProbe;
  const log: string[] = [];
  const media: MediaDevicesLike = {
    enumerateDevices: async () => {
      log.push('enumerate');
      return permitted ? devices : devices.map(unlabelled);
    },
    getUserMedia: async () => {
      log.push('probe');
      if (options.probeFails) throw options.probeFails;
      permitted = true;
      return { getTracks: () => [{ stop: () => log.push('stop') }] };
    },
  };
  return { media, log };
}

describe('configuredCameraConstraints', () => {
  it('keeps the default camera, without enumerating, when none is configured', async () => {
    for (const label of [null, '', '  ']) {
      const { media, log } = fakeMedia([DOC, FACE]);
      expect(await configuredCameraConstraints(media, label)).toEqual({ ok: true, value: DEFAULT_CAMERA_CONSTRAINTS });
      expect(log).toEqual([]);
    }
  });

  it('opens exactly the configured camera, by part of its label', async () => {
    const { media } = fakeMedia([MIC, DOC, FACE]);
    const result = await configuredCameraConstraints(media, '0c45:6366');
    expect(result.ok && result.value.video).toMatchObject({ deviceId: { exact: 'face-1' } });
  });

  it('unlocks the labels once when they are still empty, and closes that camera again', async () => {
    const { media, log } = fakeMedia([DOC, FACE], { labelsAfterProbe: true });
    const result = await configuredCameraConstraints(media, 'HD Webcam');
    expect(result.ok && result.value.video).toMatchObject({ deviceId: { exact: 'face-1' } });
    expect(log).toEqual(['enumerate', 'probe', 'stop', 'enumerate']);
  });

  it('says camera-missing when the configured camera is not connected, rather than using another', async () => {
    const { media } = fakeMedia([DOC]);
    const result = await configuredCameraConstraints(media, 'HD Webcam');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('camera-missing');
  });

  it('maps a refused probe to the camera error codes', async () => {
    const denied = Object.assign(new Error('denied'), { name: 'NotAllowedError' });
    const { media } = fakeMedia([FACE], { labelsAfterProbe: true, probeFails: denied });
    const result = await configuredCameraConstraints(media, 'HD Webcam');
    expect(!result.ok && result.error.code).toBe('camera-denied');
  });
});
