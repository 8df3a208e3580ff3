import { Alert, Badge, Button, Group, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowRight, IconCheck } from '@tabler/icons-react';
import type { StudyState, StudyStep } from '../../../../shared/api/study';
import { href } from '../../lib/router';
import { PageHeader } from '../../ui/PageHeader';
import { QueryView } from '../../ui/QueryView';
import { useStudy } from './useStudy';
import { Welcome } from './Welcome';

const stateBadge: Record<StudyState, { label: string; color: string }> = {
  done: { label: 'Done', color: 'sea' },
  next: { label: 'Next', color: 'blue' },
  todo: { label: 'To do', color: 'gray' },
  warning: { label: 'Needs attention', color: 'yellow' },
};

/** The first screen of a project: the write-up's experiment as a checklist, live from the project's data. */
export function StudyScreen() {
  const study = useStudy();
  return (
    <Stack gap="lg">
      <PageHeader
        title="Study"
        description="Does adding synthetic sessions to a little real data make a better counselor model? Follow the steps: each one shows what is done, and the next one has a button that opens the right screen."
      />
      <Welcome />
      <QueryView query={study} loading="Reading the project…">
        {(steps) => (
          <Stack gap="sm" component="ol" aria-label="Study steps" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            <Summary steps={steps} />
            {steps.map((s, i) => (
              <StepCard key={s.step} step={s} number={i + 1} />
            ))}
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}

function Summary({ steps }: { steps: StudyStep[] }) {
  const done = steps.filter((s) => s.done).length;
  const warnings = steps.reduce((a, s) => a + s.warnings.length, 0);
  return (
    <Text size="sm" c="dimmed" role="status" component="li">
      {done} of {steps.length} steps done
      {warnings > 0 ? ` · ${warnings} ${warnings === 1 ? 'thing needs' : 'things need'} attention before the comparison is fair` : ''}.
    </Text>
  );
}

function StepCard({ step, number }: { step: StudyStep; number: number }) {
  const badge = stateBadge[step.state];
  const showButton = step.action && (step.next || step.warnings.length > 0);
  return (
    <Paper
      component="li"
      withBorder
      p="md"
      aria-label={`Step ${number}: ${step.title}`}
      data-step={step.step}
      data-state={step.state}
      aria-current={step.next ? 'step' : undefined}
      style={step.next ? { borderColor: 'var(--mantine-color-blue-5)', borderWidth: 2 } : undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Group align="flex-start" wrap="nowrap" gap="md">
          <ThemeIcon
            variant={step.done ? 'filled' : 'light'}
            color={step.done ? 'sea' : step.next ? 'blue' : 'gray'}
            radius="xl"
            size="lg"
            aria-hidden
          >
            {step.done ? <IconCheck size={18} /> : <Text fw={700}>{number}</Text>}
          </ThemeIcon>
          <Stack gap={4}>
            <Group gap="xs">
              <Title order={2} size="h4">
                {step.title}
              </Title>
              <Badge color={badge.color} variant="light">
                {badge.label}
              </Badge>
            </Group>
            <Text size="sm">{step.detail}</Text>
            {step.warnings.length > 0 && (
              <Alert
                variant="light"
                color="yellow"
                icon={<IconAlertTriangle aria-hidden />}
                p="xs"
                mt={4}
                role="note"
                aria-label={`Warnings for ${step.title}`}
              >
                <List size="sm" spacing={2}>
                  {step.warnings.map((w) => (
                    <List.Item key={w}>{w}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
          </Stack>
        </Group>
        {showButton && step.action && (
          <Button
            component="a"
            href={href(step.action.area, step.action.sub)}
            variant={step.next ? 'filled' : 'default'}
            rightSection={<IconArrowRight size={16} aria-hidden />}
            style={{ flexShrink: 0 }}
          >
            {step.action.label}
          </Button>
        )}
      </Group>
    </Paper>
  );
}
