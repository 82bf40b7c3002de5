/**
 * getUserMedia failures as codes the photo screen explains (DOMException names from the Media
 * Capture spec, §"getUserMedia" error table). A kiosk without a working camera must say so, not crash.
 */
export type CameraErrorCode = 'camera-missing' | 'camera-denied' | 'camera-busy' | 'camera-unsupported' | 'camera-failed';

export function cameraErrorCode(e: unknown): CameraErrorCode {
  const name = e instanceof Error || (typeof e === 'object' && e !== null && 'name' in e) ? String((e as { name: unknown }).name) : '';
  switch (name) {
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return 'camera-missing';
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'camera-denied';
    case 'NotReadableError':
    case 'AbortError':
    case 'TrackStartError':
      return 'camera-busy';
    case 'TypeError':
      return 'camera-unsupported';
    default:
      return 'camera-failed';
  }
}
