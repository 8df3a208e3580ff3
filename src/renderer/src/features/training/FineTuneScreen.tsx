import { Stack } from '@mantine/core';
import { navigate } from '../../lib/router';
import { PageHeader } from '../../ui/PageHeader';
import { ByoModel } from './ByoModel';
import { NewRunForm } from './NewRunForm';
import { RunMonitor } from './RunMonitor';
import { RunsList } from './RunsList';

/** Training runs: start one on a frozen dataset version, follow it, and find the model it made. `#/finetune/new:<versionId>` preselects the version. */
export function FineTuneScreen({ sub }: { sub: string | null }) {
  const preselect = sub?.startsWith('new:') ? sub.slice(4) : null;
  const runId = preselect === null ? sub : null;
  return (
    <Stack gap="lg">
      <PageHeader
        title="Fine-tune"
        description="Train a model on a frozen dataset version at OpenAI or Together AI, follow its loss as it trains, or register a model you trained yourself."
      />
      {runId && <RunMonitor key={runId} runId={runId} />}
      <RunsList selected={runId} />
      <NewRunForm
        key={preselect ?? 'new'}
        preselect={preselect}
        onStarted={(run) => {
          navigate('finetune', run.id);
          window.scrollTo({ top: 0 });
        }}
      />
      <ByoModel />
    </Stack>
  );
}
