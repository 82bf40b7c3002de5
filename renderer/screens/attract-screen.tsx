import { useTranslation } from 'react-i18next';
import { LanguageToggle } from '../components/language-toggle';

interface Props {
  readonly onStart: () => void;
  readonly onToggleLanguage: () => void;
  readonly enrolled: boolean;
}

/** What a passer-by sees: Chinese first, one big button, and a way to English. */
export function AttractScreen({ onStart, onToggleLanguage, enrolled }: Props) {
  const { t } = useTranslation();
  return (
    <main className="screen screen-attract" data-testid="screen-attract">
      <div className="attract-top">
        <LanguageToggle onToggle={onToggleLanguage} />
      </div>
      <div className="attract-emblem" aria-hidden="true" />
      <h1 className="attract-title">{t('attract.title')}</h1>
      <p className="attract-subtitle">{t('attract.subtitle')}</p>
      <button type="button" className="btn btn-primary btn-huge" data-testid="start" onClick={onStart}>
        {t('attract.start')}
      </button>
      <p className="attract-hint">{t('attract.hint')}</p>
      {enrolled ? null : <p className="attract-note">{t('attract.notEnrolled')}</p>}
    </main>
  );
}
