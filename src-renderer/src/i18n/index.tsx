import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export type Language = 'zh-CN' | 'en-US';

interface I18nValue {
  language: Language;
  setLanguage(language: Language): void;
  /** Picks the phrase for the current language; Chinese is written first because it is the default. */
  t(zh: string, en: string): string;
}

const I18nContext = createContext<I18nValue | null>(null);
const STORAGE_KEY = 'caredesk.language';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() =>
    localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN',
  );
  const value = useMemo<I18nValue>(
    () => ({
      language,
      setLanguage(next) {
        localStorage.setItem(STORAGE_KEY, next);
        setLanguageState(next);
      },
      t: (zh, en) => (language === 'en-US' ? en : zh),
    }),
    [language],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** Label objects from the shared enums ({ zh, en }) in the current language. */
export function useLabel() {
  const { language } = useI18n();
  return (label: { zh: string; en: string } | undefined, fallback = '') =>
    label ? (language === 'en-US' ? label.en : label.zh) : fallback;
}
