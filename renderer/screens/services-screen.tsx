import { useTranslation } from 'react-i18next';
import type { ServiceGroup } from '../flows/citizen-session-machine';
import { ScreenFrame } from '../components/screen-frame';
import type { NavProps } from './nav-props';

interface Props extends NavProps {
  readonly onChoose: (group: ServiceGroup) => void;
}

/** Only the ID-card group has a service built so far; the others say so honestly. */
const GROUPS: ReadonlyArray<{ group: ServiceGroup; built: boolean }> = [
  { group: 'id', built: true },
  { group: 'ee', built: false },
  { group: 'dl', built: false },
];

export function ServicesScreen({ onChoose, onHome, onBack, onToggleLanguage }: Props) {
  const { t } = useTranslation();
  return (
    <ScreenFrame testId="screen-services" title={t('services.title')} onHome={onHome} onBack={onBack} onToggleLanguage={onToggleLanguage}>
      <div className="tile-grid">
        {GROUPS.map(({ group, built }) => (
          <button
            key={group}
            type="button"
            className={`tile tile-${group}`}
            data-testid={`group-${group}`}
            disabled={!built}
            onClick={() => onChoose(group)}
          >
            <span className="tile-title">{t(`services.groups.${group}`)}</span>
            {built ? null : <span className="tile-note">{t('services.notYet')}</span>}
          </button>
        ))}
      </div>
    </ScreenFrame>
  );
}
