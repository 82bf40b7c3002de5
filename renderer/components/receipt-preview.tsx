import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { renderReceiptPreview } from '../../drivers/printer/preview';
import type { Receipt } from '../../drivers/printer/types';
import { usePrinterProfile } from './printer-profile-context';

/**
 * The receipt the printer could not print, laid out as the printer would have (same columns,
 * same wrapping), for the citizen to photograph. The QR code appears as the reference it carries.
 */
export function ReceiptPreview({ receipt }: { readonly receipt: Receipt }) {
  const { t } = useTranslation();
  const profile = usePrinterProfile();
  const text = useMemo(() => renderReceiptPreview(receipt, profile), [receipt, profile]);
  return (
    <figure className="receipt-preview">
      <figcaption className="receipt-preview-caption">
        {t('done.preview.title')} · {t('done.preview.hint')}
      </figcaption>
      <pre className="receipt-preview-paper" data-testid="receipt-preview">
        {text}
      </pre>
    </figure>
  );
}
