import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../flows/citizen-session-machine';
import { en } from './en';
import { zhCN } from './zh-cn';

export const resources = { 'zh-CN': { translation: zhCN }, en: { translation: en } } as const;

/**
 * Chinese first; the session machine owns the language and the app follows it. Resources are
 * bundled (no HTTP backend: the CSP allows only 'self' and the kiosk must work offline), so
 * initialisation is synchronous.
 */
export function createI18n(language: Language = 'zh-CN'): i18n {
  const instance = i18next.createInstance();
  instance
    .use(initReactI18next)
    .init({ resources, lng: language, fallbackLng: false, initAsync: false, interpolation: { escapeValue: false }, returnNull: false })
    .catch(() => undefined);
  return instance;
}

/** A read-error or camera-error code the translation does not know falls back to a generic line. */
export function knownKey(keys: Readonly<Record<string, unknown>>, code: string, fallback: string): string {
  return Object.hasOwn(keys, code) ? code : fallback;
}
