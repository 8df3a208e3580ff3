import { Button, Group } from '@mantine/core';
import { IconChartBar, IconMessages } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { TrainingRunView } from '../../../../shared/api/training';
import { useApi } from '../../api/ApiProvider';
import { href, navigate } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';

/** One click from a trained model to using it: chat with it beside its base model, or add it to an evaluation run. */
export function UseModel({ run }: { run: TrainingRunView & { fineTunedModel: string; providerId: string } }) {
  const api = useApi();
  const chat = useMutation({
    mutationFn: () =>
      api.arena.create({
        mode: 'named',
        title: `${run.fineTunedModel} vs ${run.baseModel}`,
        sharedSystemPrompt: null,
        columns: [run.fineTunedModel, run.baseModel].map((model) => ({
          providerId: run.providerId,
          model,
          systemPrompt: null,
          temperature: null,
          maxTokens: null,
        })),
      }),
    onSuccess: (c) => navigate('arena', c.id),
  });
  return (
    <>
      <Group gap="sm">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconMessages size={16} aria-hidden />}
          loading={chat.isPending}
          onClick={() => chat.mutate()}
        >
          Chat with it beside its base model
        </Button>
        {run.modelEntryId && (
          <Button
            size="xs"
            variant="default"
            component="a"
            href={href('evaluate', `add:${run.modelEntryId}`)}
            leftSection={<IconChartBar size={16} aria-hidden />}
          >
            Add to an evaluation
          </Button>
        )}
      </Group>
      {chat.error && <ErrorAlert error={chat.error} />}
    </>
  );
}
