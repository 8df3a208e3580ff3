import { Stack } from '@mantine/core';
import { PageHeader } from '../../ui/PageHeader';

/** Datasets: mix approved sessions, freeze versions, validate and export them. */
export function DatasetsScreen({ datasetId }: { datasetId: string | null }) {
  return (
    <Stack gap="lg">
      <PageHeader title="Datasets" description={`Mix approved real and synthetic sessions$.`} />
    </Stack>
  );
}
