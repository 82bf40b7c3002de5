import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DevState } from '../../electron/api/contract';
import type { CodeStream } from '../devices/code-stream';
import type { KioskClient } from '../kiosk-client';

type DevCard = { id: string; label: string; cardType: string };
type DevKiosk = Pick<KioskClient, 'dev' | 'on'>;

/**
 * Browser mode only (the app renders it only when app.info says browser + devMode): drives the
 * device simulators the way vxsuite's dev-dock drives its mocks (STYLE.md §6). Tests and demos
 * present cards, jam the printer and cut the network through it.
 */
export function DevPanel({ kiosk, codes }: { readonly kiosk: DevKiosk; readonly codes: Pick<CodeStream, 'onCode'> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  const [cards, setCards] = useState<DevCard[]>([]);
  const [card, setCard] = useState('');
  const [state, setState] = useState<DevState | null>(null);
  const [scanText, setScanText] = useState('');
  const [lastError, setLastError] = useState<string | null>(null);
  const [lastCode, setLastCode] = useState<{ text: string; source: string } | null>(null);

  // What the scanners read (host adapters and keyboard-wedge bursts), so a technician or a test
  // can see a code travel the real driver: simulator → driver → host → renderer.
  useEffect(() => codes.onCode((code) => setLastCode({ text: code.text, source: code.source })), [codes]);

  useEffect(() => {
    let live = true;
    const off = kiosk.on('dev.state', (next) => setState(next));
    void kiosk.dev.listCards().then((r) => {
      if (!live) return;
      if (r.ok) {
        setCards(r.value);
        setCard((current) => current || (r.value[0]?.id ?? ''));
      } else setLastError(r.error.code);
    });
    void kiosk.dev.state().then((r) => {
      if (live && r.ok) setState(r.value);
    });
    return () => {
      live = false;
      off();
    };
  }, [kiosk]);

  /** every dev call reports its coded failure in the panel, then the state is read back */
  const run = (call: () => Promise<{ ok: boolean; error?: { code: string } }>) => {
    void call()
      .then(async (r) => {
        setLastError(r.ok ? null : (r.error?.code ?? 'failed'));
        const next = await kiosk.dev.state();
        if (next.ok) setState(next.value);
      })
      .catch(() => setLastError('transport-failed'));
  };

  return (
    <aside className={`dev-panel ${open ? 'dev-open' : 'dev-closed'}`} data-testid="dev-panel" aria-label={t('dev.title')}>
      <button type="button" className="dev-toggle" data-testid="dev-panel-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('dev.title')} · {open ? t('dev.collapse') : t('dev.expand')}
      </button>
      {open ? (
        <div className="dev-body">
          <label className="dev-field">
            <span>{t('dev.card')}</span>
            <select data-testid="dev-card-select" value={card} onChange={(e) => setCard(e.target.value)}>
              {cards.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <div className="dev-row">
            <button type="button" data-testid="dev-present-card" disabled={card === ''} onClick={() => run(() => kiosk.dev.presentCard({ card }))}>
              {t('dev.present')}
            </button>
            <button type="button" data-testid="dev-remove-card" onClick={() => run(() => kiosk.dev.removeCard())}>
              {t('dev.remove')}
            </button>
          </div>
          <label className="dev-field">
            <span>{t('dev.paper')}</span>
            <select
              data-testid="dev-paper"
              value={state?.printerPaper ?? 'ok'}
              onChange={(e) => {
                const paper = e.target.value === 'out' ? 'out' : e.target.value === 'near-end' ? 'near-end' : 'ok';
                run(() => kiosk.dev.setPrinterPaper({ paper }));
              }}
            >
              <option value="ok">{t('dev.paperOk')}</option>
              <option value="near-end">{t('dev.paperNearEnd')}</option>
              <option value="out">{t('dev.paperOut')}</option>
            </select>
          </label>
          <label className="dev-check">
            <input
              type="checkbox"
              data-testid="dev-cover"
              checked={state?.printerCoverOpen ?? false}
              onChange={(e) => run(() => kiosk.dev.setPrinterCover({ open: e.target.checked }))}
            />
            <span>{t('dev.cover')}</span>
          </label>
          <label className="dev-check">
            <input
              type="checkbox"
              data-testid="dev-network"
              checked={state?.networkUp ?? true}
              onChange={(e) => run(() => kiosk.dev.setNetwork({ up: e.target.checked }))}
            />
            <span>{t('dev.network')}</span>
          </label>
          <div className="dev-row">
            <input
              type="text"
              data-testid="dev-scan-text"
              placeholder={t('dev.scanText')}
              aria-label={t('dev.scanText')}
              value={scanText}
              onChange={(e) => setScanText(e.target.value)}
            />
            <button type="button" data-testid="dev-scan" disabled={scanText === ''} onClick={() => run(() => kiosk.dev.scanCode({ text: scanText }))}>
              {t('dev.scan')}
            </button>
          </div>
          <div className="dev-state" data-testid="dev-state">
            <span>{t('dev.state')}:</span>{' '}
            {state === null
              ? '…'
              : `card=${state.cardPresent ? (state.card ?? '?') : '-'} paper=${state.printerPaper} cover=${state.printerCoverOpen ? 'open' : 'closed'} net=${state.networkUp ? 'up' : 'down'}`}
            {lastError === null ? null : <span className="dev-error"> ! {lastError}</span>}
          </div>
          <div className="dev-state" data-testid="dev-last-code">
            <span>{t('dev.lastCode')}:</span> {lastCode === null ? '-' : `${lastCode.text} (${lastCode.source})`}
          </div>
        </div>
      ) : null}
    </aside>
  );
}
