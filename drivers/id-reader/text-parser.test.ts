import { describe, expect, it } from 'vitest';
import { fixtureCards, findFixtureCard } from '../../fixtures/cards/index';
import { NATION_NAMES } from './nations';
import { cardTypeOf, parseCardText } from './text-parser';

const card = (id: string) => {
  const c = findFixtureCard(id);
  if (!c) throw new Error(`no fixture ${id}`);
  return c;
};

describe('parseCardText', () => {
  it.each(fixtureCards.map((c) => [c.id, c] as const))('%s parses to the expected record', (_id, c) => {
    const result = parseCardText({ text: c.text, wlt: c.wlt, ...(c.appendedAddress ? { appendedAddress: c.appendedAddress } : {}) });
    expect(result).toEqual({ ok: true, value: c.record });
  });

  it('covers all four card types', () => {
    expect(new Set(fixtureCards.map((c) => cardTypeOf(c.text)))).toEqual(new Set(['resident', 'hmt-residence', 'foreigner-2017', 'foreigner-2023']));
  });

  it('reads the resident fields at their offsets (§1.7a), with 长期 as long-term', () => {
    const result = parseCardText({ text: card('resident-long-term').text, wlt: card('resident-long-term').wlt });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ cardType: 'resident', sex: 'male', nation: { code: '03', name: '回' }, birthDate: '1958-12-31', validTo: 'long-term' });
    expect(result.value.passNumber).toBeUndefined();
  });

  it('decodes the sample name bytes of §1.7 (王美娜)', () => {
    const text = Uint8Array.from(card('resident-valid').text);
    text.set([0x8b, 0x73, 0x8e, 0x7f, 0x1c, 0x5a, 0x20, 0x00, 0x20, 0x00, 0x20, 0x00], 0);
    const result = parseCardText({ text, wlt: card('resident-valid').wlt });
    expect(result.ok && result.value.name).toBe('王美娜');
  });

  it('maps every sex code of GB/T 2261.1', () => {
    const expected = { '0': 'unknown', '1': 'male', '2': 'female', '9': 'unspecified' } as const;
    for (const [code, sex] of Object.entries(expected)) {
      const text = Uint8Array.from(card('resident-valid').text);
      text.set(Buffer.from(code, 'utf16le'), 30);
      const result = parseCardText({ text, wlt: card('resident-valid').wlt });
      expect(result.ok && result.value.sex).toBe(sex);
    }
  });

  it('knows the 56 nations plus 97 and 98', () => {
    expect(Object.keys(NATION_NAMES)).toHaveLength(58);
    expect(NATION_NAMES['56']).toBe('基诺');
    expect(NATION_NAMES['98']).toBe('外国血统中国籍人士');
    const text = Uint8Array.from(card('resident-valid').text);
    text.set(Buffer.from('56', 'utf16le'), 32);
    const result = parseCardText({ text, wlt: card('resident-valid').wlt });
    expect(result.ok && result.value.nation).toEqual({ code: '56', name: '基诺' });
  });

  it('joins the 2023 English name continuation (§1.7d)', () => {
    const result = parseCardText({ text: card('foreigner-2023').text, wlt: card('foreigner-2023').wlt });
    expect(result.ok && result.value.nameEn).toBe('MUELLER-SCHMIDT KARL FRIEDRICH MAXIMILIAN');
  });

  it('refuses malformed data with read-failed, without personal data in the message', () => {
    const text = Uint8Array.from(card('resident-valid').text);
    text.set(Buffer.from('1995X615', 'utf16le'), 36);
    text.set(Buffer.from('99', 'utf16le'), 32);
    const result = parseCardText({ text, wlt: card('resident-valid').wlt });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('read-failed');
    expect(result.error.message).toContain('birth date');
    expect(result.error.message).toContain('nation');
    expect(result.error.message).not.toContain('王建国');
    expect(parseCardText({ text: new Uint8Array(100), wlt: new Uint8Array(1024) }).ok).toBe(false);
  });
});
