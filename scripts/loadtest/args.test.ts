import { describe, expect, it } from 'vitest';
import { DEFAULTS, MAX_PHOTO_BYTES, parseLoadTestArgs } from './args';

const base = ['--platform', 'https://gw.example.gov.cn/kiosk/v1', '--enrolment-code', 'ENROL-CODE-01'];

describe('parseLoadTestArgs', () => {
  it('reads the full command line of issue 4 item 7', () => {
    expect(parseLoadTestArgs([...base, '--transactions', '500', '--photo-bytes', '40960', '--timeout', '90', '--json'])).toEqual({
      kind: 'run',
      args: { platform: 'https://gw.example.gov.cn/kiosk/v1', enrolmentCode: 'ENROL-CODE-01', transactions: 500, photoBytes: 40960, timeoutSec: 90, json: true },
    });
  });

  it('fills in defaults and accepts --opt=value and fractional seconds', () => {
    expect(parseLoadTestArgs([...base, '--timeout=2.5'])).toEqual({
      kind: 'run',
      args: { platform: base[1], enrolmentCode: base[3], transactions: DEFAULTS.transactions, photoBytes: DEFAULTS.photoBytes, timeoutSec: 2.5, json: false },
    });
  });

  it('answers --help', () => {
    expect(parseLoadTestArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], /--platform/],
    [['--enrolment-code', 'ENROL-CODE-01'], /--platform <baseUrl> is required/],
    [['--platform', 'https://x.example/kiosk/v1'], /--enrolment-code <code> is required/],
    [['--platform', 'not a url', '--enrolment-code', 'ENROL-CODE-01'], /not a URL/],
    [['--platform', 'ftp://x.example/', '--enrolment-code', 'ENROL-CODE-01'], /http/],
    [['--platform', 'https://x.example/', '--enrolment-code', 'short'], /8 to 32/],
    [[...base, '--transactions', '0'], /--transactions: must be between/],
    [[...base, '--transactions', '-5'], /--transactions/],
    [[...base, '--transactions', '2.5'], /whole number/],
    [[...base, '--transactions', 'ten'], /whole number/],
    [[...base, '--photo-bytes', String(MAX_PHOTO_BYTES + 1)], /--photo-bytes: must be between/],
    [[...base, '--photo-bytes', '100'], /--photo-bytes: must be between/],
    [[...base, '--timeout', '0'], /--timeout/],
    [[...base, '--timeout', 'soon'], /--timeout: expected seconds/],
    [[...base, '--frobnicate'], /frobnicate/],
    [[...base, 'stray'], /stray/],
    [[...base, '--transactions'], /--transactions/],
  ])('refuses %j with one clear line', (argv, message) => {
    const parsed = parseLoadTestArgs(argv);
    expect(parsed.kind).toBe('usage-error');
    if (parsed.kind !== 'usage-error') return;
    expect(parsed.message).toMatch(message);
    expect(parsed.message).not.toContain('\n');
  });
});
