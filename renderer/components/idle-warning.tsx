import { useTranslation } from 'react-i18next';
import { useCountdown } from './use-countdown';

interface Props {
  readonly deadline: number;
  readonly onStay: () => void;
}

/** "Are you still there?": any touch keeps the session; otherwise it is wiped when this reaches 0. */
export function IdleWarning({ deadline, onStay }: Props) {
  const { t } = useTranslation();
  const seconds = useCountdown(deadline);
  return (
    <div className="overlay" role="alertdialog" aria-modal="true" data-testid="idle-warning">
      <div className="overlay-box">
        <h2>{t('idle.title')}</h2>
        <p className="overlay-text">{t('idle.message', { seconds })}</p>
        <button type="button" className="btn btn-primary" data-testid="idle-stay" onClick={onStay}>
          {t('idle.stay')}
        </button>
      </div>
    </div>
  );
}
