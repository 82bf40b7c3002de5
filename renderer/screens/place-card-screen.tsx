import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import type { ActorRefFrom } from 'xstate';
import { CardIllustration } from '../components/card-illustration';
import { ScreenFrame } from '../components/screen-frame';
import { useCountdown } from '../components/use-countdown';
import type { ReadCardMachine } from '../flows/read-card-machine';
import { zhCN } from '../i18n/zh-cn';
import { knownKey } from '../i18n';
import type { NavProps } from './nav-props';

interface Props extends NavProps {
  readonly reader: ActorRefFrom<ReadCardMachine> | undefined;
  readonly onRetry: () => void;
}

export function PlaceCardScreen({ reader, onRetry, onHome, onBack, onToggleLanguage }: Props) {
  const { t } = useTranslation();
  const failed = useSelector(reader, (s) => s?.matches('failed') ?? false);
  const errorCode = useSelector(reader, (s) => s?.context.error?.code ?? null);
  const deadline = useSelector(reader, (s) => s?.context.deadline ?? 0);
  const seconds = useCountdown(deadline);
  return (
    <ScreenFrame
      testId="screen-place-card"
      title={t('placeCard.title')}
      onHome={onHome}
      onBack={onBack}
      onToggleLanguage={onToggleLanguage}
      actions={
        failed ? (
          <button type="button" className="btn btn-primary" data-testid="retry" onClick={onRetry}>
            {t('common.retry')}
          </button>
        ) : null
      }
    >
      <CardIllustration />
      <p className="lead">{t('placeCard.instruction')}</p>
      {failed && errorCode !== null ? (
        <div className="notice notice-error" role="alert">
          <h2>{t('placeCard.failedTitle')}</h2>
          <p data-testid="error-message">{t(`readErrors.${knownKey(zhCN.readErrors, errorCode, 'unknown')}`)}</p>
        </div>
      ) : (
        <div className="notice notice-wait" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          <span>{t('placeCard.reading')}</span>
          <span className="countdown" data-testid="read-countdown">
            {t('placeCard.countdown', { seconds })}
          </span>
        </div>
      )}
    </ScreenFrame>
  );
}
