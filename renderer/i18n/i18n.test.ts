import { describe, expect, it } from 'vitest';
import { GUIDANCE_CODES, GUIDANCE_EN, GUIDANCE_ZH_CN, guidanceKey } from '../camera/quality/guidance';
import { en } from './en';
import { createI18n } from './index';
import { zhCN } from './zh-cn';

function leaves(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('translations', () => {
  it('have the same keys in Chinese and English, none empty', () => {
    const zh = leaves(zhCN);
    const english = leaves(en);
    expect(english.map(([k]) => k).sort()).toEqual(zh.map(([k]) => k).sort());
    for (const [key, text] of [...zh, ...english]) expect(typeof text === 'string' && text.trim().length > 0, key).toBe(true);
  });

  it('keep the same interpolation placeholders in both languages', () => {
    const placeholders = (s: unknown) => String(s).match(/{{\w+}}/g)?.sort() ?? [];
    const english = new Map(leaves(en));
    for (const [key, text] of leaves(zhCN)) expect(placeholders(english.get(key)), key).toEqual(placeholders(text));
  });

  it('starts in Chinese and switches', async () => {
    const i18n = createI18n();
    expect(i18n.t('attract.start')).toBe('开始办理');
    await i18n.changeLanguage('en');
    expect(i18n.t('attract.start')).toBe('Start');
    expect(i18n.t('placeCard.countdown', { seconds: 5 })).toBe('5 s left');
  });

  it('carries every photo-quality guidance code in both languages', async () => {
    const i18n = createI18n();
    for (const code of GUIDANCE_CODES) expect(i18n.t(guidanceKey(code))).toBe(GUIDANCE_ZH_CN[code]);
    await i18n.changeLanguage('en');
    for (const code of GUIDANCE_CODES) expect(i18n.t(guidanceKey(code))).toBe(GUIDANCE_EN[code]);
  });
});
