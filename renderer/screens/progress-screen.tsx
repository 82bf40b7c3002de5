import { useTranslation } from 'react-i18next';

/** Saving or printing: no way back or home here, the application is being committed. */
export function ProgressScreen({ stage }: { readonly stage: 'saving' | 'printing' }) {
  const { t } = useTranslation();
  return (
    <main className="screen screen-progress" data-testid={`screen-${stage}`}>
      <span className="spinner spinner-big" aria-hidden="true" />
      <p className="lead" aria-live="polite">
        {t(stage === 'saving' ? 'confirm.saving' : 'confirm.printing')}
      </p>
    </main>
  );
}
