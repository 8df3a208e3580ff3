import { Center, Container, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { ApiCallError } from '../../shared/api/client';
import { useConnection } from './api/ApiProvider';
import { useLiveUpdates } from './api/useLiveUpdates';
import { JobsPanelProvider } from './features/jobs/jobsPanel';
import { useCurrentProject } from './features/projects/useProjects';
import { WelcomeScreen } from './features/projects/WelcomeScreen';
import { AppLayout } from './features/shell/AppLayout';
import { preloadScreen } from './features/shell/Screen';
import { usePrefetchStudy } from './features/study/useStudy';
import { parseHash } from './lib/router';
import { ErrorAlert } from './ui/ErrorAlert';
import { Loading } from './ui/QueryView';

/** Connected: the welcome screen when no project is open, the app otherwise. */
export function App() {
  useLiveUpdates();
  const connection = useConnection();
  const project = useCurrentProject();
  usePrefetchStudy();
  useEffect(() => preloadScreen(parseHash(window.location.hash)), []);
  const unauthorized = project.error instanceof ApiCallError && project.error.code === 'UNAUTHORIZED';
  useEffect(() => {
    if (unauthorized) connection.forget();
  }, [unauthorized, connection]);
  if (project.isPending) return <Loading label="Opening Hybrid Data Studio…" />;
  if (project.isError) {
    if (unauthorized) return <NoTokenScreen expired />;
    return (
      <Container size="sm" py="xl">
        <ErrorAlert title="Could not reach the app's backend" error={project.error} onRetry={() => void project.refetch()} />
      </Container>
    );
  }
  if (!project.data) return <WelcomeScreen />;
  return (
    <JobsPanelProvider>
      <AppLayout project={project.data} />
    </JobsPanelProvider>
  );
}

/** Browser mode opened without the access token (or with an old one). */
export function NoTokenScreen({ expired = false }: { expired?: boolean }) {
  return (
    <Center mih="100vh" p="xl">
      <Stack gap="md" maw={560}>
        <Title order={1}>Hybrid Data Studio</Title>
        {expired && <Text fw={600}>This address's access token no longer works; the server may have been restarted.</Text>}
        <Text size="lg">
          Open the address printed by <code>npm run serve</code> (it carries an access token).
        </Text>
        <Text c="dimmed">
          The server prints a line like <code>Open: http://127.0.0.1:PORT/?token=…</code>. The token keeps other web pages from reaching
          your projects.
        </Text>
        <Text size="sm" c="dimmed">
          A research tool, not a clinical service.
        </Text>
      </Stack>
    </Center>
  );
}
