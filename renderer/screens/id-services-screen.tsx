import { useTranslation } from 'react-i18next';
import { ScreenFrame } from '../components/screen-frame';
import type { NavProps } from './nav-props';

export type Availability = 'available' | 'paused' | 'not-yet';

interface Props extends NavProps {
  /** id.renewal as the platform's catalogue says (paused when it disabled the service) */
  readonly renewal: Availability;
  readonly onChoose: (service: string) => void;
}

export function IdServicesScreen({ renewal, onChoose, onHome, onBack, onToggleLanguage }: Props) {
  const { t } = useTranslation();
  const services: ReadonlyArray<{ code: string; label: string; hint?: string; availability: Availability }> = [
    { code: 'id.renewal', label: t('idServices.renewal'), hint: t('idServices.renewalHint'), availability: renewal },
    { code: 'id.damaged', label: t('idServices.damaged'), availability: 'not-yet' },
    { code: 'id.lost', label: t('idServices.lost'), availability: 'not-yet' },
  ];
  return (
    <ScreenFrame testId="screen-id-services" title={t('idServices.title')} onHome={onHome} onBack={onBack} onToggleLanguage={onToggleLanguage}>
      <div className="tile-list">
        {services.map(({ code, label, hint, availability }) => (
          <button
            key={code}
            type="button"
            className="tile tile-wide"
            data-testid={`service-${code}`}
            disabled={availability !== 'available'}
            onClick={() => onChoose(code)}
          >
            <span className="tile-title">{label}</span>
            {availability === 'available' && hint ? <span className="tile-hint">{hint}</span> : null}
            {availability === 'not-yet' ? <span className="tile-note">{t('services.notYet')}</span> : null}
            {availability === 'paused' ? <span className="tile-note">{t('services.paused')}</span> : null}
          </button>
        ))}
      </div>
    </ScreenFrame>
  );
}
