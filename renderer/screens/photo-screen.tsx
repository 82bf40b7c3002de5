import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { capturePhoto } from '../camera/camera';
import { RESIDENT_ID_PHOTO } from '../camera/photo-spec';
import { useCamera } from '../camera/use-camera';
import { PhotoImage } from '../components/photo-image';
import { ScreenFrame } from '../components/screen-frame';
import type { CapturedPhoto } from '../flows/submit-application';
import { knownKey } from '../i18n';
import { zhCN } from '../i18n/zh-cn';
import type { NavProps } from './nav-props';

interface Props extends NavProps {
  readonly onAccept: (photo: CapturedPhoto) => void;
}

/** Live preview with a face guide → capture → the cropped 358×441 result → retake or accept. */
export function PhotoScreen({ onAccept, onHome, onBack, onToggleLanguage }: Props) {
  const { t } = useTranslation();
  const [shot, setShot] = useState<CapturedPhoto | null>(null);
  const [busy, setBusy] = useState(false);
  const [captureError, setCaptureError] = useState<string | null>(null);
  return shot === null ? (
    <LiveView
      busy={busy}
      captureError={captureError}
      onCapture={async (video) => {
        setBusy(true);
        const result = await capturePhoto(video, RESIDENT_ID_PHOTO);
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
      </div>
    </ScreenFrame>
  );
}

interface LiveProps {
  readonly busy: boolean;
  readonly captureError: string | null;
  readonly onCapture: (video: HTMLVideoElement) => Promise<void>;
  readonly nav: NavProps;
}

function LiveView({ busy, captureError, onCapture, nav }: LiveProps) {
  const { t } = useTranslation();
  const { videoRef, state, restart } = useCamera();
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
      {errorCode !== null ? (
        <p className="notice notice-error" role="alert" data-testid="error-message">
          {cameraText(errorCode)}
        </p>
      ) : null}
    </ScreenFrame>
  );
}
