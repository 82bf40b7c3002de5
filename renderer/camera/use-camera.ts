import { useCallback, useEffect, useRef, useState } from 'react';
import { stopCamera } from './camera';
import { openConfiguredCamera } from './configured-camera';

export type CameraState = { status: 'starting' } | { status: 'live' } | { status: 'error'; code: string };

/**
 * The live camera for as long as the photo screen is mounted: opened on mount, every track
 * stopped on unmount (the camera light goes off when the citizen leaves the step). `cameraLabel`
 * is the configured camera (configured-camera.ts); null keeps the default camera.
 */
export function useCamera(cameraLabel: string | null = null) {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [state, setState] = useState<CameraState>({ status: 'starting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let stream: MediaStream | null = null;
    const video = videoRef.current;
    openConfiguredCamera(cameraLabel)
      .then(async (result) => {
        if (!result.ok) {
          if (!cancelled) setState({ status: 'error', code: result.error.code });
          return;
        }
        stream = result.value;
        if (cancelled) {
          stopCamera(stream);
          return;
        }
        if (video) {
          video.srcObject = stream;
          await video.play().catch(() => undefined);
        }
        if (!cancelled) setState({ status: 'live' });
      })
      .catch(() => {
        if (!cancelled) setState({ status: 'error', code: 'camera-failed' });
      });
    return () => {
      cancelled = true;
      if (stream) stopCamera(stream);
      if (video) video.srcObject = null;
    };
  }, [attempt, cameraLabel]);

  const restart = useCallback(() => {
    setState({ status: 'starting' });
    setAttempt((n) => n + 1);
  }, []);

  return { videoRef, state, restart };
}
