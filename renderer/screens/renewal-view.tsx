import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import type { ActorRefFrom } from 'xstate';
import type { ReadCardMachine } from '../flows/read-card-machine';
import type { RenewalFlowMachine } from '../flows/renewal-flow-machine';
import { ConfirmScreen } from './confirm-screen';
import { DetailsScreen } from './details-screen';
import { DoneScreen } from './done-screen';
import { ErrorScreen } from './error-screen';
import { PhotoScreen } from './photo-screen';
import { PlaceCardScreen } from './place-card-screen';
import { ProgressScreen } from './progress-screen';

interface Props {
  readonly flow: ActorRefFrom<RenewalFlowMachine>;
  readonly feeCny: number | undefined;
  readonly doneReturnMs: number;
  readonly onHome: () => void;
  readonly onToggleLanguage: () => void;
}

/** The screens of 有效期满换领, one per state of the renewal flow machine. */
export function RenewalView({ flow, feeCny, doneReturnMs, onHome, onToggleLanguage }: Props) {
  const { t } = useTranslation();
  const snapshot = useSelector(flow, (s) => s);
  const { context } = snapshot;
  const nav = { onHome, onToggleLanguage, onBack: () => flow.send({ type: 'BACK' }) };

  if (snapshot.matches('placeCard')) {
    const reader = snapshot.children.readCard as ActorRefFrom<ReadCardMachine> | undefined;
    return <PlaceCardScreen reader={reader} onRetry={() => flow.send({ type: 'RETRY' })} {...nav} />;
  }
  if (snapshot.matches('details') && context.card && context.eligibility) {
    return <DetailsScreen card={context.card} eligibility={context.eligibility} onContinue={() => flow.send({ type: 'CONTINUE' })} {...nav} />;
  }
  if (snapshot.matches('photo')) {
    return <PhotoScreen onAccept={(photo) => flow.send({ type: 'PHOTO_ACCEPTED', photo })} {...nav} />;
  }
  if (snapshot.matches('confirm') && context.card && context.photo) {
    return <ConfirmScreen card={context.card} photo={context.photo} feeCny={feeCny} onConfirm={() => flow.send({ type: 'CONFIRM' })} {...nav} />;
  }
  if (snapshot.matches('submitting')) return <ProgressScreen stage="saving" />;
  if (snapshot.matches('awaitingCase') || snapshot.matches('printing')) return <ProgressScreen stage="printing" />;
  if (snapshot.matches('submitFailed')) {
    const code = context.submitError?.code;
    return (
      <ErrorScreen
        title={t('submitErrors.title')}
        message={t(code === 'storage-full' ? 'submitErrors.storage-full' : 'submitErrors.message')}
        onRetry={() => flow.send({ type: 'RETRY' })}
        onHome={onHome}
      />
    );
  }
  if (snapshot.matches('done') && context.reference) {
    return (
      <DoneScreen
        reference={context.reference}
        caseNumber={context.caseNumber}
        printError={context.printError}
        receipt={context.receipt}
        returnAfterMs={doneReturnMs}
        onFinish={() => flow.send({ type: 'FINISH' })}
        onToggleLanguage={onToggleLanguage}
      />
    );
  }
  // final states: the session is already moving on
  return null;
}
