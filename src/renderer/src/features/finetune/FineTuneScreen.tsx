import { Stack } from '@mantine/core';
import { PageHeader } from '../../ui/PageHeader';

/** Training runs: start one on a frozen dataset version, follow it, and find the model it made. */
export function FineTuneScreen({ runId }: { runId: string | null }) {
  return (
    <Stack gap="lg">
      <PageHeader title="Fine-tune" description={`Train a model on a frozen dataset version${runId ? '' : ''}.`} />
    </Stack>
  );
}
