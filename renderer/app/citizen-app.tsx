import { useActorRef, useSelector } from '@xstate/react';
import { CameraLabelContext } from '../camera/camera-label-context';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActorRefFrom } from 'xstate';
import { IdleWarning } from '../components/idle-warning';
import { PrinterProfileContext } from '../components/printer-profile-context';
import { createCitizenSessionMachine, type SessionEvent } from '../flows/citizen-session-machine';
import { createRenewalFlowMachine, type RenewalFlowMachine } from '../flows/renewal-flow-machine';
import { AttractScreen } from '../screens/attract-screen';
import { IdServicesScreen, type Availability } from '../screens/id-services-screen';
import { RenewalView } from '../screens/renewal-view';
import { ServicesScreen } from '../screens/services-screen';
import type { Runtime } from './bootstrap';

/**
 * The citizen side of the kiosk: one session actor, the screen its state names, the language it
 * holds. Any touch counts as activity for the inactivity timer.
 */
export function CitizenApp({ runtime }: { readonly runtime: Runtime }) {
  const { i18n } = useTranslation();
  const machine = useMemo(
    () =>
      createCitizenSessionMachine({
        renewalFlow: createRenewalFlowMachine(runtime.flowDeps),
        timings: runtime.flowDeps.timings,
        now: runtime.flowDeps.now,
      }),
    [runtime],
  );
  const session = useActorRef(machine);
  const snapshot = useSelector(session, (s) => s);
  const catalogue = useSyncExternalStore(runtime.catalogue.subscribe, runtime.catalogue.get);
  const language = snapshot.context.language;

  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);

  const send = (event: SessionEvent) => session.send(event);
  const nav = {
    onHome: () => send({ type: 'HOME' }),
    onBack: () => send({ type: 'BACK' }),
    onToggleLanguage: () => send({ type: 'TOGGLE_LANGUAGE' }),
  };
  const renewal = catalogue.get('id.renewal');
  const renewalAvailability: Availability = renewal?.enabled === false ? 'paused' : 'available';

  let screen = null;
  if (snapshot.matches('attract')) {
    screen = <AttractScreen onStart={() => send({ type: 'START' })} onToggleLanguage={nav.onToggleLanguage} enrolled={runtime.info.enrolled} />;
  } else if (snapshot.matches({ session: { screen: 'services' } })) {
    screen = <ServicesScreen onChoose={(group) => send({ type: 'CHOOSE_GROUP', group })} {...nav} />;
  } else if (snapshot.matches({ session: { screen: 'idServices' } })) {
    screen = <IdServicesScreen renewal={renewalAvailability} onChoose={(service) => send({ type: 'CHOOSE_SERVICE', service })} {...nav} />;
  } else if (snapshot.matches({ session: { screen: 'renewal' } })) {
    const flow = snapshot.children.flow as ActorRefFrom<RenewalFlowMachine> | undefined;
    if (flow) {
      screen = (
        <RenewalView
          flow={flow}
          feeCny={renewal?.feeCny}
          doneReturnMs={runtime.flowDeps.timings.doneReturnMs}
          onHome={nav.onHome}
          onToggleLanguage={nav.onToggleLanguage}
        />
      );
    }
  }

  return (
    <div className="citizen" onPointerDownCapture={() => send({ type: 'ACTIVITY' })}>
      <CameraLabelContext.Provider value={runtime.info.cameraLabel}>
        <PrinterProfileContext.Provider value={runtime.info.printerProfile}>{screen}</PrinterProfileContext.Provider>
      </CameraLabelContext.Provider>
      {snapshot.matches({ session: { idle: 'warning' } }) ? (
        <IdleWarning deadline={snapshot.context.idleDeadline} onStay={() => send({ type: 'ACTIVITY' })} />
      ) : null}
    </div>
  );
}
