import { useTranslation } from 'react-i18next';
import type { CardRead } from '../../electron/api/contract';
import { CardPortrait } from '../components/card-portrait';
import { ScreenFrame } from '../components/screen-frame';
import type { RenewalEligibility } from '../flows/eligibility';
import { maskIdNumber, maskName } from '../flows/masking';
import type { NavProps } from './nav-props';

interface Props extends NavProps {
  readonly card: CardRead;
  readonly eligibility: RenewalEligibility;
  readonly onContinue: () => void;
}

/** Masked identity only: the screen is visible to whoever stands behind the citizen. */
export function DetailsScreen({ card, eligibility, onContinue, onHome, onBack, onToggleLanguage }: Props) {
  const { t } = useTranslation();
  const validTo = card.validTo === 'long-term' ? t('details.longTerm') : card.validTo;
  return (
    <ScreenFrame
      testId="screen-details"
      title={t('details.title')}
      onHome={onHome}
      onBack={onBack}
      onToggleLanguage={onToggleLanguage}
      actions={
        eligibility.eligible ? (
          <button type="button" className="btn btn-primary" data-testid="continue" onClick={onContinue}>
            {t('common.continue')}
          </button>
        ) : null
      }
    >
      <div className="details-layout">
        <CardPortrait portrait={card.portrait} />
        <dl className="facts">
          <dt>{t('details.name')}</dt>
          <dd data-testid="masked-name">{maskName(card.name)}</dd>
          <dt>{t('details.idNumber')}</dt>
          <dd data-testid="masked-id" className="mono">
            {maskIdNumber(card.idNumber)}
          </dd>
          <dt>{t('details.cardType')}</dt>
          <dd>{t(`details.cardTypes.${card.cardType}`)}</dd>
          <dt>{t('details.validity')}</dt>
          <dd className="mono">
            {card.validFrom} – {validTo}
          </dd>
        </dl>
      </div>
      {eligibility.eligible ? (
        <p className="notice notice-ok" data-testid="eligible">
          {t(eligibility.expired ? 'details.expired' : 'details.eligible')}
        </p>
      ) : (
        <div className="notice notice-error" role="alert" data-testid="not-eligible">
          <h2>{t('details.notEligibleTitle')}</h2>
          <p>
            {eligibility.reason === 'not-yet'
              ? t('details.notEligible.not-yet', { validTo: eligibility.validTo, from: eligibility.from })
              : t(`details.notEligible.${eligibility.reason}`)}
          </p>
        </div>
      )}
      <p className="notice notice-remind" data-testid="take-card">
        {t('details.takeCard')}
      </p>
    </ScreenFrame>
  );
}
