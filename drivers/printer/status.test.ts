import { describe, expect, it } from 'vitest';
import { deviceStateFor, isStatusReplyByte, parseRawStatus, refusalFor, warningsFor } from './status';

const base = { printer: 0x12, offlineCause: 0x12, paperSensor: 0x12 };

describe('DLE EOT status (§5.4)', () => {
  it('paper sensor vectors: 0x12 ok, 0x1E near-end, 0x72 end, 0x7E both', () => {
    const paper = (paperSensor: number) => {
      const r = parseRawStatus({ ...base, paperSensor });
      return r.ok ? r.value.paper : r.error.code;
    };
    expect(paper(0x12)).toBe('ok');
    expect(paper(0x1e)).toBe('near-end');
    expect(paper(0x72)).toBe('out');
    expect(paper(0x7e)).toBe('out');
  });

  it('all clear is ready with no warnings', () => {
    const r = parseRawStatus(base);
    expect(r).toEqual({ ok: true, value: { online: true, paper: 'ok', coverOpen: false, cutterError: false, error: false } });
    if (!r.ok) return;
    expect(deviceStateFor(r.value)).toEqual({ state: 'ready' });
    expect(refusalFor(r.value)).toBeUndefined();
  });

  it('near-end is a warning, still ready', () => {
    const r = parseRawStatus({ ...base, paperSensor: 0x1e });
    if (!r.ok) throw new Error('parse failed');
    expect(deviceStateFor(r.value)).toEqual({ state: 'ready' });
    expect(warningsFor(r.value)).toEqual(['paper-near-end']);
    expect(refusalFor(r.value)).toBeUndefined();
  });

  it('paper end: offline (n=1 bit 3), stopped by paper end (n=2 bit 5) → not-ready paper-out', () => {
    const r = parseRawStatus({ printer: 0x1a, offlineCause: 0x32, paperSensor: 0x7e });
    expect(r).toEqual({ ok: true, value: { online: false, paper: 'out', coverOpen: false, cutterError: false, error: false } });
    if (!r.ok) return;
    expect(deviceStateFor(r.value)).toEqual({ state: 'not-ready', reason: 'paper-out' });
    expect(refusalFor(r.value)?.code).toBe('paper-out');
  });

  it('cover open: n=2 bit 2 → not-ready cover-open', () => {
    const r = parseRawStatus({ printer: 0x1a, offlineCause: 0x16, paperSensor: 0x12 });
    if (!r.ok) throw new Error('parse failed');
    expect(r.value.coverOpen).toBe(true);
    expect(r.value.online).toBe(false);
    expect(deviceStateFor(r.value)).toEqual({ state: 'not-ready', reason: 'cover-open' });
    expect(refusalFor(r.value)?.code).toBe('cover-open');
  });

  it('offline with no cause → not-ready offline', () => {
    const r = parseRawStatus({ ...base, printer: 0x1a });
    if (!r.ok) throw new Error('parse failed');
    expect(deviceStateFor(r.value)).toEqual({ state: 'not-ready', reason: 'offline' });
    expect(refusalFor(r.value)?.code).toBe('offline');
  });

  it('cutter error: n=2 bit 6 error occurred, n=3 bit 3 autocutter', () => {
    const r = parseRawStatus({ printer: 0x1a, offlineCause: 0x52, paperSensor: 0x12, errorCause: 0x1a });
    expect(r).toEqual({ ok: true, value: { online: false, paper: 'ok', coverOpen: false, cutterError: true, error: true } });
    if (!r.ok) return;
    expect(deviceStateFor(r.value)).toEqual({ state: 'error', code: 'cutter-error' });
    expect(refusalFor(r.value)?.code).toBe('printer-error');
  });

  it('unrecoverable error (n=3 bit 5) → error printer-error', () => {
    const r = parseRawStatus({ ...base, offlineCause: 0x52, errorCause: 0x32 });
    if (!r.ok) throw new Error('parse failed');
    expect(r.value.cutterError).toBe(false);
    expect(deviceStateFor(r.value)).toEqual({ state: 'error', code: 'printer-error' });
  });

  it('bytes without the fixed bits are not status replies', () => {
    expect(isStatusReplyByte(0x12)).toBe(true);
    expect(isStatusReplyByte(0x00)).toBe(false);
    expect(isStatusReplyByte(0x92)).toBe(false);
    expect(isStatusReplyByte(0x13)).toBe(false);
    expect(parseRawStatus({ ...base, paperSensor: 0x0c })).toMatchObject({ ok: false, error: { code: 'protocol-error' } });
  });
});

describe('status parsing properties', () => {
  it('random reply bytes never throw: a status or a protocol-error', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }), (printer, offlineCause, paperSensor, errorCause) => {
        const r = parseRawStatus(errorCause === undefined ? { printer, offlineCause, paperSensor } : { printer, offlineCause, paperSensor, errorCause });
        if (r.ok) {
          expect(['ready', 'not-ready', 'error']).toContain(deviceStateFor(r.value).state);
        } else {
          expect(r.error.code).toBe('protocol-error');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
