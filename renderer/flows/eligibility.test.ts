import { describe, expect, it } from 'vitest';
import { localIsoDate, renewalEligibility } from './eligibility';

describe('renewalEligibility', () => {
  const today = '2025-06-01';
  it('accepts a resident card expiring within 90 days', () => {
    expect(renewalEligibility({ cardType: 'resident', validTo: '2025-08-30' }, today)).toEqual({ eligible: true, expired: false, validTo: '2025-08-30' });
  });
  it('accepts an expired card', () => {
    expect(renewalEligibility({ cardType: 'resident', validTo: '2020-01-01' }, today)).toMatchObject({ eligible: true, expired: true });
  });
  it('refuses a card with more than 90 days left and says from when it can be renewed', () => {
    expect(renewalEligibility({ cardType: 'resident', validTo: '2025-08-31' }, today)).toEqual({
      eligible: false,
      reason: 'not-yet',
      validTo: '2025-08-31',
      from: '2025-06-02',
    });
  });
  it('refuses long-term cards and other card types', () => {
    expect(renewalEligibility({ cardType: 'resident', validTo: 'long-term' }, today)).toEqual({ eligible: false, reason: 'long-term' });
    expect(renewalEligibility({ cardType: 'foreigner-2023', validTo: '2025-07-01' }, today)).toEqual({ eligible: false, reason: 'not-resident-card' });
  });
  it('uses the local calendar date', () => {
    expect(localIsoDate(new Date(2025, 0, 9, 23, 59))).toBe('2025-01-09');
  });
});
