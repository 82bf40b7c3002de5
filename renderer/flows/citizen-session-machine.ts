import { assign, setup } from 'xstate';
import type { FlowTimings } from './ports';
import type { RenewalFlowMachine } from './renewal-flow-machine';

/**
 * The citizen's session at the kiosk: attract screen, service menu, the chosen service's flow,
 * language and inactivity. Leaving the session (home, inactivity, a finished flow) returns to
 * `attract`, whose entry resets the context; the flow actor is stopped, which discards its
 * context, and the screens that held anything unmount.
 */
export type Language = 'zh-CN' | 'en';

export type ServiceGroup = 'id' | 'ee' | 'dl';

export interface SessionContext {
  language: Language;
  /** epoch ms when the inactivity warning wipes the session; 0 when no warning is showing */
  idleDeadline: number;
}

export type SessionEvent =
  | { type: 'START' }
  | { type: 'TOGGLE_LANGUAGE' }
  | { type: 'HOME' }
  | { type: 'BACK' }
  | { type: 'CHOOSE_GROUP'; group: ServiceGroup }
  | { type: 'CHOOSE_SERVICE'; service: string }
  | { type: 'ACTIVITY' }
  | { type: 'FLOW.COMMITTED' };

export interface SessionDeps {
  readonly renewalFlow: RenewalFlowMachine;
  readonly timings: Pick<FlowTimings, 'idleMs' | 'idleWarningMs'>;
  readonly now: () => Date;
}

const initialContext = (): SessionContext => ({ language: 'zh-CN', idleDeadline: 0 });

export function createCitizenSessionMachine(deps: SessionDeps) {
  return setup({
    types: { context: {} as SessionContext, events: {} as SessionEvent },
    actors: { renewal: deps.renewalFlow },
    delays: { IDLE: deps.timings.idleMs, IDLE_WARNING: deps.timings.idleWarningMs },
  }).createMachine({
    id: 'citizen',
    initial: 'attract',
    context: initialContext,
    on: {
      TOGGLE_LANGUAGE: { actions: assign({ language: ({ context }) => (context.language === 'zh-CN' ? 'en' : 'zh-CN') }) },
    },
    states: {
      attract: {
        // the wipe: everything back to the initial value, Chinese first for the next citizen
        entry: assign(initialContext),
        on: { START: 'session' },
      },
      session: {
        type: 'parallel',
        on: { HOME: 'attract' },
        states: {
          screen: {
            initial: 'services',
            states: {
              services: {
                on: {
                  // only the ID group has a built service; the others are shown disabled
                  CHOOSE_GROUP: { guard: ({ event }) => event.group === 'id', target: 'idServices' },
                  BACK: '#citizen.attract',
                },
              },
              idServices: {
                on: {
                  CHOOSE_SERVICE: { guard: ({ event }) => event.service === 'id.renewal', target: 'renewal' },
                  BACK: 'services',
                },
              },
              renewal: {
                invoke: {
                  id: 'flow',
                  src: 'renewal',
                  onDone: [{ guard: ({ event }) => event.output.outcome === 'back', target: 'idServices' }, { target: '#citizen.attract' }],
                  onError: '#citizen.attract',
                },
              },
            },
          },
          idle: {
            initial: 'watching',
            states: {
              watching: {
                after: { IDLE: 'warning' },
                on: { ACTIVITY: { target: 'watching', reenter: true }, 'FLOW.COMMITTED': 'committed' },
              },
              warning: {
                entry: assign({ idleDeadline: () => deps.now().getTime() + deps.timings.idleWarningMs }),
                exit: assign({ idleDeadline: 0 }),
                after: { IDLE_WARNING: '#citizen.attract' },
                on: { ACTIVITY: 'watching', 'FLOW.COMMITTED': 'committed' },
              },
              // the application is being stored and printed: the flow ends by itself from here
              committed: {},
            },
          },
        },
      },
    },
  });
}

export type CitizenSessionMachine = ReturnType<typeof createCitizenSessionMachine>;
