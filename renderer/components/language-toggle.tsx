import { useTranslation } from 'react-i18next';

/** The button that switches between Chinese and English, in the same place on every screen. */
export function LanguageToggle({ onToggle }: { readonly onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn btn-nav" data-testid="lang-toggle" onClick={onToggle}>
      {t('common.langToggle')}
    </button>
  );
}
