import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export type FontScale = 'standard' | 'large' | 'extraLarge';
export const fontSizes: Record<FontScale, number> = { standard: 14, large: 16, extraLarge: 19 };

interface Preferences {
  fontScale: FontScale;
  setFontScale(scale: FontScale): void;
}

const PreferencesContext = createContext<Preferences | null>(null);
const KEY = 'caredesk.fontScale';

/** Per-computer display preferences (older staff often want bigger text on the shared PC). */
export function PreferencesProvider({ children }: { children: (prefs: Preferences) => ReactNode }) {
  const [fontScale, setScale] = useState<FontScale>(() => {
    const stored = localStorage.getItem(KEY);
    return stored === 'large' || stored === 'extraLarge' ? stored : 'standard';
  });
  const value = useMemo<Preferences>(
    () => ({
      fontScale,
      setFontScale(scale) {
        localStorage.setItem(KEY, scale);
        setScale(scale);
      },
    }),
    [fontScale],
  );
  return <PreferencesContext.Provider value={value}>{children(value)}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside PreferencesProvider');
  return value;
}
