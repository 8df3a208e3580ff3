import { Button, Group, Modal, NumberInput, Popover, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { PromptChange, ResumePrompts } from '../../../../shared/api/jobs';
import type { JobSummary } from '../../../../shared/domain/job';
import { useApi } from '../../api/ApiProvider';
import { numberOrEmpty } from '../../lib/forms';
import { ErrorAlert } from '../../ui/ErrorAlert';

export interface ResumeOptions {
  budgetUsd?: number | null;
  prompts?: ResumePrompts;
}

/**
 * Resume at once, or first set a new budget (a job stopped at its cap needs one). When a prompt the
 * job uses was edited since it started, it first asks which version the items left should use.
 */
export function ResumeButton({ job, busy, onResume }: { job: JobSummary; busy: boolean; onResume: (options: ResumeOptions) => void }) {
  const api = useApi();
  const [budget, setBudget] = useState<number | ''>(job.budgetUsd ?? '');
  const [opened, setOpened] = useState(false);
  const [asking, setAsking] = useState<{ changes: PromptChange[]; budgetUsd?: number | null } | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const resume = async (budgetUsd?: number | null) => {
    setChecking(true);
    setError(null);
    try {
      const changes = await api.jobs.promptChanges({ id: job.id });
      if (changes.length > 0) setAsking({ changes, ...(budgetUsd !== undefined ? { budgetUsd } : {}) });
      else onResume(budgetUsd !== undefined ? { budgetUsd } : {});
    } catch (err) {
      setError(err);
    } finally {
      setChecking(false);
    }
  };
  const choose = (prompts: ResumePrompts) => {
    if (!asking) return;
    onResume({ prompts, ...(asking.budgetUsd !== undefined ? { budgetUsd: asking.budgetUsd } : {}) });
    setAsking(null);
  };
  const versions = (which: 'started' | 'current') => asking?.changes.map((c) => `v${c[which]}`).join(', ') ?? '';

  return (
    <Group gap={4} wrap="nowrap">
      <Button size="xs" onClick={() => void resume()} loading={busy || checking}>
        Resume
      </Button>
      <Popover opened={opened} onChange={setOpened} trapFocus position="bottom-start" withArrow shadow="md">
        <Popover.Target>
          <Button size="xs" variant="subtle" onClick={() => setOpened((o) => !o)} aria-label={`Resume ${job.title} with a new budget`}>
            New budget…
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs" w={240}>
            <NumberInput
              label="Budget cap (USD)"
              description="Leave empty for no cap."
              value={budget}
              onChange={(v) => setBudget(numberOrEmpty(v))}
              min={0.01}
              decimalScale={2}
              prefix="$"
            />
            <Text size="xs" c="dimmed">
              Spent so far: ${job.costUsd.toFixed(4)}
            </Text>
            <Button
              size="xs"
              onClick={() => {
                setOpened(false);
                void resume(budget === '' ? null : budget);
              }}
            >
              Resume with this budget
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
      {error ? <ErrorAlert error={error} /> : null}
      <Modal opened={asking !== null} onClose={() => setAsking(null)} title="The prompt changed since this job started">
        <Stack gap="md">
          {asking?.changes.map((c) => (
            <Text key={c.name}>
              The {c.name} prompt was version {c.started} when “{job.title}” started; it is version {c.current} now.
            </Text>
          ))}
          <Text size="sm" c="dimmed">
            Keeping the version it started with makes every item of the job alike; the new version applies your edit to the items left, and
            each result records the version it used.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)}>
              Not now
            </Button>
            <Button variant="default" onClick={() => choose('started')}>
              Resume with {versions('started')} (as started)
            </Button>
            <Button onClick={() => choose('current')}>Resume with {versions('current')} (new)</Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
