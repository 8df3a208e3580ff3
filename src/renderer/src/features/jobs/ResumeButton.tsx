import { Button, Group, NumberInput, Popover, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { JobSummary } from '../../../../shared/domain/job';
import { numberOrEmpty } from '../../lib/forms';

/** Resume at once, or first set a new budget (a job stopped at its cap needs one). */
export function ResumeButton({ job, busy, onResume }: { job: JobSummary; busy: boolean; onResume: (budgetUsd?: number | null) => void }) {
  const [budget, setBudget] = useState<number | ''>(job.budgetUsd ?? '');
  const [opened, setOpened] = useState(false);
  return (
    <Group gap={4} wrap="nowrap">
      <Button size="xs" onClick={() => onResume()} loading={busy}>
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
                onResume(budget === '' ? null : budget);
              }}
            >
              Resume with this budget
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}
