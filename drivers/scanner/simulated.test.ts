import { describe, expect, it } from 'vitest';
import { createSimulatedScanner } from './simulated';
import { nextEvent, nextStatus } from './test-helpers';

describe('simulated scanner (real driver ↔ wire simulator over a memory duplex)', () => {
  it('reads codes, including Chinese text', async () => {
    const { scanner, simulator } = createSimulatedScanner();
    expect((await scanner.ready()).ok).toBe(true);
    expect(scanner.status()).toEqual({ state: 'ready' });
    const first = nextEvent(scanner);
    await simulator.scan('https://example.invalid/pay?id=42');
    expect(await first).toBe('https://example.invalid/pay?id=42');
    const second = nextEvent(scanner);
    await simulator.scan('回执 0001');
    expect(await second).toBe('回执 0001');
    await scanner.close();
  });

  it('turns garbled, binary and over-long input into coded errors and keeps going', async () => {
    const { scanner, simulator } = createSimulatedScanner({ maxCodeLength: 64 });
    await scanner.ready();
    simulator.setFault('garble');
    let e = nextEvent(scanner);
    await simulator.scan('ABC123');
    expect(await e).toBe('!invalid-encoding');
    simulator.setFault('none');
    e = nextEvent(scanner);
    await simulator.sendRaw(Uint8Array.of(0x41, 0x00, 0x01, 0x0d));
    expect(await e).toBe('!binary-data');
    e = nextEvent(scanner);
    await simulator.sendRaw(new Uint8Array(10 * 1024 * 1024).fill(0x5a));
    expect(await e).toBe('!line-too-long');
    await simulator.sendRaw(Uint8Array.of(0x0d));
    e = nextEvent(scanner);
    await simulator.scan('AFTER');
    expect(await e).toBe('AFTER');
    await scanner.close();
  });

  it('reassembles a slow device sending byte by byte; a silent device sends nothing', async () => {
    const { scanner, simulator } = createSimulatedScanner();
    await scanner.ready();
    const codes: string[] = [];
    scanner.onCode((c) => codes.push(c.text));
    simulator.setFault('silent');
    await simulator.scan('LOST');
    simulator.setFault('none');
    simulator.setByteDelay(1);
    const e = nextEvent(scanner);
    await simulator.scan('SLOW-1');
    expect(await e).toBe('SLOW-1');
    expect(codes).toEqual(['SLOW-1']);
    await scanner.close();
  });

  it('reports the unplug and reconnects after replug', async () => {
    const { scanner, simulator } = createSimulatedScanner();
    await scanner.ready();
    const gone = nextStatus(scanner, 'disconnected');
    await simulator.unplug();
    await gone;
    expect(scanner.status()).toEqual({ state: 'disconnected' });
    const back = nextStatus(scanner, 'ready');
    simulator.replug();
    await back;
    const e = nextEvent(scanner);
    await simulator.scan('AGAIN');
    expect(await e).toBe('AGAIN');
    await scanner.close();
  });
});
