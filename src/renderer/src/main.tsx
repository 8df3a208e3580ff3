import '@mantine/core/styles.css';
import { MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiProvider';
import { chooseConnection } from './api/connection';
import { App, NoTokenScreen } from './App';
import { theme } from './ui/theme';

// The backend is local and its answers deterministic: retrying a failed call only delays the message.
// Freshness comes from pushed events, not from refetching on focus.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
    mutations: { retry: false },
  },
});

// Mantine's default "dimmed" grey is 3.3:1 on white; secondary text here carries real information.
const cssVariables: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': '#5c636b' }, dark: {} });

const choice = chooseConnection();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariables}>
      {choice.kind === 'noToken' ? (
        <NoTokenScreen />
      ) : (
        <ApiProvider connection={choice.connection}>
          <QueryClientProvider client={queryClient}>
            <App />
          </QueryClientProvider>
        </ApiProvider>
      )}
    </MantineProvider>
  </StrictMode>,
);
