import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import '../../src-main/shared/validation';
import { ApiError } from './api/client';
import { Root } from './app/Root';
import { fontSizes, PreferencesProvider } from './app/preferences';
import { SessionProvider } from './app/session';
import { I18nProvider, useI18n } from './i18n';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A "no permission" or validation answer will not change by asking again.
      retry: (count, error) => !(error instanceof ApiError) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 5_000,
    },
  },
});

function Themed() {
  const { language } = useI18n();
  dayjs.locale(language === 'en-US' ? 'en' : 'zh-cn');
  return (
    <PreferencesProvider>
      {({ fontScale }) => (
        <ConfigProvider
          locale={language === 'en-US' ? enUS : zhCN}
          componentSize="middle"
          theme={{ token: { colorPrimary: '#1668dc', fontSize: fontSizes[fontScale], borderRadius: 6 } }}
        >
          <AntApp>
            <HashRouter>
              <SessionProvider>
                <Root />
              </SessionProvider>
            </HashRouter>
          </AntApp>
        </ConfigProvider>
      )}
    </PreferencesProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
