import { describe, expect, it } from 'vitest';
import { timingsFor } from './ports';

describe('timingsFor', () => {
  it('fits the warning inside the host idle timeout', () => {
    const t = timingsFor(90);
    expect(t.idleMs + t.idleWarningMs).toBe(90_000);
    expect(t.idleWarningMs).toBe(20_000);
  });
  it('keeps a short idle setting usable: a third for the warning, the card read within the idle time', () => {
    const t = timingsFor(15);
    expect(t).toMatchObject({ idleMs: 10_000, idleWarningMs: 5_000, cardReadMs: 10_000 });
  });
});
