import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageToggle } from './language-toggle';

interface Props {
  readonly testId: string;
  readonly title: string;
  readonly onHome: () => void;
  readonly onToggleLanguage: () => void;
  /** absent on screens where going back would undo something (saving, done) */
  readonly onBack?: (() => void) | undefined;
  readonly children: ReactNode;
  readonly actions?: ReactNode;
}

/** Every citizen screen after the attract screen: a way home, a language switch, big actions at the bottom. */
export function ScreenFrame({ testId, title, onHome, onBack, onToggleLanguage, children, actions }: Props) {
  const { t } = useTranslation();
  return (
    <main className="screen" data-testid={testId}>
      <header className="screen-header">
        <button type="button" className="btn btn-nav" data-testid="home" onClick={onHome}>
          <span aria-hidden="true" className="icon-home" />
          {t('common.home')}
        </button>
        <span className="screen-header-kiosk">{t('common.kioskTitle')}</span>
        <LanguageToggle onToggle={onToggleLanguage} />
      </header>
      <h1 className="screen-title">{title}</h1>
      <div className="screen-body">{children}</div>
      <footer className="screen-actions">
        {onBack ? (
          <button type="button" className="btn btn-secondary" data-testid="back" onClick={onBack}>
            {t('common.back')}
          </button>
        ) : null}
        {actions}
      </footer>
    </main>
  );
}
