import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DevPanel } from '../dev-panel/dev-panel';
import { ErrorScreen } from '../screens/error-screen';
import { bootstrap, type Runtime } from './bootstrap';
import { CitizenApp } from './citizen-app';
import { ErrorBoundary } from './error-boundary';

type Boot = { status: 'starting' } | { status: 'failed' } | { status: 'ready'; runtime: Runtime };

/** Try again on its own: an unattended kiosk whose host is restarting must come back by itself. */
const BOOT_RETRY_MS = 5_000;

export function App() {
  const { t } = useTranslation();
  const [boot, setBoot] = useState<Boot>({ status: 'starting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    let runtime: Runtime | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    bootstrap()
      .catch(() => null)
      .then((result) => {
        if (result?.ok) {
          runtime = result.value;
          if (live) setBoot({ status: 'ready', runtime: result.value });
          else void result.value.stop();
          return;
        }
        if (!live) return;
        setBoot({ status: 'failed' });
        retry = setTimeout(() => setAttempt((n) => n + 1), BOOT_RETRY_MS);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      clearTimeout(retry);
      if (runtime) void runtime.stop();
    };
  }, [attempt]);

  if (boot.status === 'starting') return <main className="screen screen-progress" data-testid="screen-starting" aria-busy="true" />;
  if (boot.status === 'failed') return <ErrorScreen title={t('error.title')} message={t('error.startup')} />;

  const { runtime } = boot;
  const devMode = runtime.info.mode === 'browser' && runtime.info.devMode;
  return (
    <div className={devMode ? 'shell shell-dev' : 'shell'}>
      <div className="shell-citizen">
        <ErrorBoundary fallback={(reset) => <ErrorScreen title={t('error.title')} message={t('error.unexpected')} onRetry={reset} />}>
          <CitizenApp runtime={runtime} />
        </ErrorBoundary>
      </div>
      {devMode ? <DevPanel kiosk={runtime.kiosk} codes={runtime.codes} /> : null}
    </div>
  );
}
