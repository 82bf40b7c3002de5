import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Receipt } from '../../drivers/printer/types';
import type { CodedError } from '../../drivers/result';
import { ReceiptPreview } from '../components/receipt-preview';
import { useCountdown } from '../components/use-countdown';
import { LanguageToggle } from '../components/language-toggle';

interface Props {
  readonly reference: string;
  readonly caseNumber: string | null;
  readonly printError: CodedError | null;
  /** the receipt the printer was given; shown on screen when it could not print it */
  readonly receipt: Receipt | null;
  readonly returnAfterMs: number;
  readonly onFinish: () => void;
  readonly onToggleLanguage: () => void;
}

function printErrorKey(code: string): string {
  return code === 'paper-out' || code === 'cover-open' ? `done.printErrors.${code}` : 'done.printErrors.other';
}

export function DoneScreen({ reference, caseNumber, printError, receipt, returnAfterMs, onFinish, onToggleLanguage }: Props) {
  const { t } = useTranslation();
  // display only: the flow machine owns the real timer that returns to the attract screen
  const [deadline] = useState(() => Date.now() + returnAfterMs);
  const seconds = useCountdown(deadline);
  return (
    <main className="screen screen-done" data-testid="screen-done">
      <header className="screen-header">
        <span className="screen-header-kiosk">{t('common.kioskTitle')}</span>
        <LanguageToggle onToggle={onToggleLanguage} />
      </header>
      <div className="done-mark" aria-hidden="true" />
      <h1 className="screen-title">{t('done.title')}</h1>
      <div className="screen-body">
        <dl className="facts">
          <dt>{t('done.reference')}</dt>
          <dd className="mono reference" data-testid="reference">
            {reference}
          </dd>
          {caseNumber === null ? null : (
            <>
              <dt>{t('done.caseNumber')}</dt>
              <dd className="mono case-number" data-testid="case-number">
                {caseNumber}
              </dd>
            </>
          )}
        </dl>
        {caseNumber === null ? (
          <p className="notice notice-wait" data-testid="upload-pending">
            {t('done.pending')}
          </p>
        ) : (
          <p className="notice notice-ok" data-testid="uploaded">
            {t('done.uploaded')}
          </p>
        )}
        {printError === null ? (
          <p className="notice notice-remind">{t('done.printed')}</p>
        ) : (
          <div className="notice notice-error" role="alert" data-testid="print-error">
            <p>{t(printErrorKey(printError.code))}</p>
            <p>{t('done.printErrors.safe')}</p>
          </div>
        )}
        {printError !== null && receipt !== null ? <ReceiptPreview receipt={receipt} /> : null}
        <p className="auto-return">{t('done.autoReturn', { seconds })}</p>
      </div>
      <footer className="screen-actions">
        <button type="button" className="btn btn-primary" data-testid="finish" onClick={onFinish}>
          {t('done.finish')}
        </button>
      </footer>
    </main>
  );
}
