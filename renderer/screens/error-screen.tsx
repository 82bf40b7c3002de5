import { useTranslation } from 'react-i18next';

interface Props {
  readonly title: string;
  readonly message: string;
  readonly onRetry?: (() => void) | undefined;
  readonly onHome?: (() => void) | undefined;
}

/** A failure the citizen must be told about plainly, with what they can do next. */
export function ErrorScreen({ title, message, onRetry, onHome }: Props) {
  const { t } = useTranslation();
  return (
    <main className="screen screen-error" data-testid="screen-error">
      <div className="error-mark" aria-hidden="true" />
      <h1 className="screen-title">{title}</h1>
      <p className="lead" role="alert" data-testid="error-message">
        {message}
      </p>
      <footer className="screen-actions">
        {onHome ? (
          <button type="button" className="btn btn-secondary" data-testid="home" onClick={onHome}>
            {t('common.home')}
          </button>
        ) : null}
        {onRetry ? (
          <button type="button" className="btn btn-primary" data-testid="retry" onClick={onRetry}>
            {t('common.retry')}
          </button>
        ) : null}
      </footer>
    </main>
  );
}
