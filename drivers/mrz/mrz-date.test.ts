import { describe, expect, it } from 'vitest';
import { isExpired, resolveMrzDate } from './mrz-date';

describe('two-digit years (shared/kioskctl.md)', () => {
  it('puts expiry dates in the current century', () => {
    expect(resolveMrzDate('991231', 'expiry', '2025-06-01')).toBe('2099-12-31');
    expect(resolveMrzDate('000101', 'expiry', '2025-06-01')).toBe('2000-01-01');
  });

  it('puts birth dates in the most recent past century', () => {
    expect(resolveMrzDate('250601', 'birth', '2025-06-01')).toBe('2025-06-01');
    expect(resolveMrzDate('250602', 'birth', '2025-06-01')).toBe('1925-06-02');
    expect(resolveMrzDate('990101', 'birth', '2025-06-01')).toBe('1999-01-01');
    expect(resolveMrzDate('000229', 'birth', '2025-06-01')).toBe('2000-02-29');
  });

  it('rejects dates that are not calendar dates', () => {
    expect(resolveMrzDate('010229', 'birth', '2025-06-01')).toBeNull();
    expect(resolveMrzDate('251301', 'expiry', '2025-06-01')).toBeNull();
    expect(resolveMrzDate('2501<<', 'expiry', '2025-06-01')).toBeNull();
    // 2096-02-29 is not yet born, 1996-02-29 is a leap day
    expect(resolveMrzDate('960229', 'birth', '2025-06-01')).toBe('1996-02-29');
  });

  it('treats the expiry day itself as still valid', () => {
    expect(isExpired('2025-06-01', '2025-06-01')).toBe(false);
    expect(isExpired('2025-05-31', '2025-06-01')).toBe(true);
    expect(isExpired(null, '2025-06-01')).toBe(false);
  });
});
