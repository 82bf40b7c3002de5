import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { capturePhoto } from '../camera/camera';
import { useCameraLabel } from '../camera/camera-label-context';
import { type PhotoQualitySpec, RESIDENT_ID_QUALITY } from '../camera/quality';
import { useCamera } from '../camera/use-camera';
import { useCaptureReview, useLiveGuidance } from '../camera/use-photo-guidance';
import { PhotoImage } from '../components/photo-image';
import { CaptureReviewNote, LiveGuidanceBanner } from '../components/photo-guidance';
import { ScreenFrame } from '../components/screen-frame';
import type { CapturedPhoto } from '../flows/submit-application';
import { knownKey } from '../i18n';
import { zhCN } from '../i18n/zh-cn';
import type { NavProps } from './nav-props';

interface Props extends NavProps {
  readonly onAccept: (photo: CapturedPhoto) => void;
  /** the service's photo standard: size, JPEG band and head geometry (resident ID for 有效期满换领) */
  readonly spec?: PhotoQualitySpec;
}

/**
 * Live preview with a face guide and live advice → capture → the cropped result (358×441 for a
 * resident ID) with its own check → retake or accept.
 *
 * The checks advise; they never block. The capture button works whenever the camera is live,
 * whatever the advice says, and "use this photo" stays available when a retake is suggested.
 * A face detector misses some faces (glasses, headscarves, skin tones and lighting it was not
 * trained on, a wheelchair user below the guide), and a kiosk that refused those citizens would
 * strand them at the photo step with nobody to help at night. So the most important instruction is
 * shown large, a retake is suggested after capture when the photo falls short, and otherwise a
 * member of staff reviews the photo, as they review every application. Without the face model
 * (failed to load) the screen works exactly as before, with a note saying so.
 */
export function PhotoScreen({ onAccept, onHome, onBack, onToggleLanguage, spec = RESIDENT_ID_QUALITY }: Props) {
  const { t } = useTranslation();
  const [shot, setShot] = useState<CapturedPhoto | null>(null);
  const [busy, setBusy] = useState(false);
  const [captureError, setCaptureError] = useState<string | null>(null);
  const review = useCaptureReview(shot, spec);
  return shot === null ? (
    <LiveView
      spec={spec}
      busy={busy}
      captureError={captureError}
      onCapture={async (video) => {
        setBusy(true);
        const result = await capturePhoto(video, spec);
        setBusy(false);
        if (result.ok) {
          setCaptureError(null);
          setShot(result.value);
        } else setCaptureError(result.error.code);
      }}
      nav={{ onHome, onBack, onToggleLanguage }}
    />
  ) : (
    <ScreenFrame
      testId="screen-photo"
      title={t('photo.title')}
      onHome={onHome}
      onBack={onBack}
      onToggleLanguage={onToggleLanguage}
      actions={
        <>
          <button type="button" className="btn btn-secondary" data-testid="retake" onClick={() => setShot(null)}>
            {t('photo.retake')}
          </button>
          <button type="button" className="btn btn-primary" data-testid="accept-photo" onClick={() => onAccept(shot)}>
            {t('photo.accept')}
          </button>
        </>
      }
    >
      <div className="photo-result">
        <PhotoImage bytes={shot.bytes} alt={t('photo.title')} className="photo-preview" testId="photo-preview" />
        {review !== null ? <CaptureReviewNote review={review} /> : null}
      </div>
    </ScreenFrame>
  );
}

interface LiveProps {
  readonly spec: PhotoQualitySpec;
  readonly busy: boolean;
  readonly captureError: string | null;
  readonly onCapture: (video: HTMLVideoElement) => Promise<void>;
  readonly nav: NavProps;
}

function LiveView({ spec, busy, captureError, onCapture, nav }: LiveProps) {
  const { t } = useTranslation();
  const { videoRef, state, restart } = useCamera(useCameraLabel());
  // Assessing stops with busy: the frame being captured needs the CPU more than the advice does.
  const guidance = useLiveGuidance(videoRef, state.status === 'live' && !busy, spec);
  const errorCode = state.status === 'error' ? state.code : captureError;
  const cameraText = (code: string) => t(`photo.cameraErrors.${knownKey(zhCN.photo.cameraErrors, code, 'camera-failed')}`);
  return (
    <ScreenFrame
      testId="screen-photo"
      title={t('photo.title')}
      {...nav}
      actions={
        state.status === 'error' ? (
          <button type="button" className="btn btn-primary" data-testid="retry" onClick={restart}>
            {t('common.retry')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="capture"
            disabled={state.status !== 'live' || busy}
            onClick={() => {
              if (videoRef.current) void onCapture(videoRef.current);
            }}
          >
            {busy ? t('photo.capturing') : t('photo.capture')}
          </button>
        )
      }
    >
      <p className="lead">{t('photo.instruction')}</p>
      <div className="camera-frame">
        <video ref={videoRef} className="camera-video" autoPlay playsInline muted />
        <div className="face-guide" aria-hidden="true" />
        {state.status === 'starting' ? <p className="camera-status">{t('photo.starting')}</p> : null}
      </div>
      {state.status === 'live' ? <LiveGuidanceBanner guidance={guidance} /> : null}
      {errorCode !== null ? (
        <p className="notice notice-error" role="alert" data-testid="error-message">
          {cameraText(errorCode)}
        </p>
      ) : null}
    </ScreenFrame>
  );
}
