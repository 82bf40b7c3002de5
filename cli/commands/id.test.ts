import { afterEach, describe, expect, it } from 'vitest';
import { startIdReaderBehindPty, type PtyIdReader } from '../../fixtures/devices/id-reader/behind-pty';
import { card } from '../../fixtures/devices/id-reader/test-helpers';
import { kioskctl } from './test-support';

// Through the real CLI, as a technician runs it (shared/kioskctl.md), against the simulator behind a pty.

describe('kioskctl id', () => {
  let device: PtyIdReader | undefined;
  afterEach(async () => {
    await device?.close();
    device = undefined;
  });

  it('id read --json prints the record in the documented shape', async () => {
    device = await startIdReaderBehindPty();
    device.simulator.presentCard(card('foreigner-2023'));
    const run = await kioskctl('id', 'read', '--port', device.driverPath, '--timeout', '5', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(card('foreigner-2023').record);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('id read prints a bilingual listing', async () => {
    device = await startIdReaderBehindPty();
    device.simulator.presentCard(card('resident-long-term'));
    const run = await kioskctl('id', 'read', '--port', device.driverPath, '--baud', '115200');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('证件类型 Card type: 居民身份证 / resident ID card');
    expect(run.stdout).toContain('民族 Nation: 回 (03)');
    expect(run.stdout).toContain('长期 / long-term');
  });

  it('id read with no card: exit 3 with a coded error', async () => {
    device = await startIdReaderBehindPty();
    const run = await kioskctl('id', 'read', '--port', device.driverPath, '--timeout', '0.5', '--json');
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toEqual({ error: { code: 'no-card', message: 'no card presented before the timeout' } });
    expect(run.stderr).toBe('kioskctl: no card presented before the timeout');
  });

  it('id read from a silent reader: exit 4, one line, no stack', async () => {
    device = await startIdReaderBehindPty();
    device.simulator.setFault({ kind: 'silent' });
    const run = await kioskctl('id', 'read', '--port', device.driverPath, '--timeout', '1', '--json');
    expect(run.code).toBe(4);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'device-unreachable' } });
    expect(run.stderr.split('\n')).toHaveLength(1);
  });

  it('id sam --json prints the SAM id; a missing port exits 4', async () => {
    device = await startIdReaderBehindPty();
    const run = await kioskctl('id', 'sam', '--port', device.driverPath, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ samId: '05.01-20101129-0001228293-0296863149' });
    const missing = await kioskctl('id', 'sam', '--port', `${device.driverPath}-missing`, '--json');
    expect(missing.code).toBe(4);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'device-unreachable' } });
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('id check: exit 0 valid, 1 invalid', async () => {
    const valid = await kioskctl('id', 'check', '11010519491231002X', '--json');
    expect(valid.code).toBe(0);
    expect(JSON.parse(valid.stdout)).toEqual({ valid: true, kind: 'resident', errors: [] });
    const invalid = await kioskctl('id', 'check', '110105194912310021', '--json');
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.stdout)).toEqual({ valid: false, kind: 'resident', errors: ['bad-check-character'] });
  });

  it('id read without --port is a usage error (exit 2)', async () => {
    const usage = await kioskctl('id', 'read', '--json');
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ error: { code: 'usage' } });
  });
});
