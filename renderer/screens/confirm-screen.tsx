import { useTranslation } from 'react-i18next';
import type { IdCardRecord } from '../../drivers/id-reader/types';
import { PhotoImage } from '../components/photo-image';
import { ScreenFrame } from '../components/screen-frame';
import { maskIdNumber, maskName } from '../flows/masking';
import type { CapturedPhoto } from '../flows/submit-application';
import type { NavProps } from './nav-props';

interface Props extends NavProps {
  readonly card: IdCardRecord;
  readonly photo: CapturedPhoto;
  /** from the platform's cached catalogue; undefined when not known */
  readonly feeCny: number | undefined;
  readonly onConfirm: () => void;
}

export function ConfirmScreen({ card, photo, feeCny, onConfirm, onHome, onBack, onToggleLanguage }: Props) {
  const { t } = useTranslation();
  return (
    <ScreenFrame
      testId="screen-confirm"
      title={t('confirm.title')}
      onHome={onHome}
      onBack={onBack}
      onToggleLanguage={onToggleLanguage}
      actions={
        <button type="button" className="btn btn-primary" data-testid="confirm" onClick={onConfirm}>
          {t('confirm.confirm')}
        </button>
      }
    >
      <div className="confirm-layout">
        <dl className="facts">
          <dt>{t('confirm.service')}</dt>
          <dd>{t('serviceNames.idRenewal')}</dd>
          <dt>{t('confirm.name')}</dt>
          <dd data-testid="masked-name">{maskName(card.name)}</dd>
          <dt>{t('confirm.idNumber')}</dt>
          <dd data-testid="masked-id" className="mono">
            {maskIdNumber(card.idNumber)}
          </dd>
          {feeCny === undefined ? null : (
            <>
              <dt>{t('confirm.fee')}</dt>
              <dd data-testid="fee">{feeCny === 0 ? t('confirm.feeFree') : t('confirm.feeAmount', { fee: feeCny })}</dd>
            </>
          )}
        </dl>
        <figure className="confirm-photo">
          <PhotoImage bytes={photo.bytes} alt={t('confirm.photo')} className="photo-thumb" />
          <figcaption>{t('confirm.photo')}</figcaption>
        </figure>
      </div>
    </ScreenFrame>
  );
}
