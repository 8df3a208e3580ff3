import { Paper, Stack, Text, Title } from '@mantine/core';
import { QueryView } from '../../ui/QueryView';
import { useProviders } from '../providers/useProviders';
import { SpeedTestForm } from './SpeedTestForm';
import { SpeedTestResults } from './SpeedTestResults';

export function SpeedTestPanel() {
  const providers = useProviders();
  return (
    <Stack gap="lg">
      <Paper component="section" aria-labelledby="speed-new-title">
        <Title order={2} id="speed-new-title" mb="xs">
          Run a speed test
        </Title>
        <Text c="dimmed" mb="md">
          Short streamed calls at a chosen concurrency: latency, time to first token, tokens per second and errors. Later time estimates for
          generation and evaluation use these figures.
        </Text>
        <QueryView query={providers} loading="Loading providers…">
          {(list) => <SpeedTestForm providers={list} />}
        </QueryView>
      </Paper>
      <Paper component="section" aria-labelledby="speed-results-title">
        <Title order={2} id="speed-results-title" mb="md">
          Latest results
        </Title>
        <SpeedTestResults />
      </Paper>
    </Stack>
  );
}
