import { describe, expect, it } from 'vitest';
import { cameraConstraints, pickCamera } from './pick-camera';

const dev = (kind: MediaDeviceKind, label: string, deviceId = label) => ({ kind, label, deviceId });
const devices = [
  dev('audioinput', 'USB Audio'),
  dev('videoinput', 'Document Camera (1d6b:0102)', 'doc'),
  dev('videoinput', 'HD Webcam (0c45:6366)', 'face'),
];

describe('pickCamera', () => {
  it('takes the first camera when nothing is configured', () => {
    expect(pickCamera(devices)?.deviceId).toBe('doc');
    expect(pickCamera(devices, '  ')?.deviceId).toBe('doc');
  });
  it('finds the configured camera by exact label, by part of a label, or by deviceId', () => {
    expect(pickCamera(devices, 'HD Webcam (0c45:6366)')?.deviceId).toBe('face');
    expect(pickCamera(devices, '0C45:6366')?.deviceId).toBe('face');
    expect(pickCamera(devices, 'face')?.deviceId).toBe('face');
  });
  it('never substitutes another camera for a configured one that is missing', () => {
    expect(pickCamera(devices, 'Logitech')).toBeUndefined();
    expect(pickCamera([dev('audioinput', 'Webcam mic')], 'Webcam')).toBeUndefined();
    expect(pickCamera([])).toBeUndefined();
  });
});

describe('cameraConstraints', () => {
  it('asks for exactly the chosen device', () => {
    expect(cameraConstraints(devices[2])).toMatchObject({ audio: false, video: { deviceId: { exact: 'face' } } });
    expect(cameraConstraints(undefined)).toMatchObject({ video: { facingMode: 'user' } });
  });
});
