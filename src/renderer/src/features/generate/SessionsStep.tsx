import { Anchor, Button, Group, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { SessionGenerationInput } from '../../../../shared/api/generation';
import { href } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { EstimateView } from '../../ui/EstimateView';
import { FollowJob } from '../jobs/FollowJob';
import { RunSettings, runInput, useRunSettings } from '../models/RunSettings';
import { Section } from '../../ui/Section';
import { useScenarios, useSessionRun } from './useGeneration';

export function SessionsStep() {
  const scenarios = useScenarios();
  const [run, setRun] = useRunSettings('generator');
  const [mode, setMode] = useState<'single' | 'twoAgent'>('single');
  const [perScenario, setPerScenario] = useState(1);
  const [lengths, setLengths] = useState({ short: 1, medium: 1, long: 1 });
  const [jobId, setJobId] = useState<string | null>(null);
  const { estimate, generate } = useSessionRun();
  const settings = runInput(run);
  const input: SessionGenerationInput | null =
    settings && perScenario >= 1 && lengths.short + lengths.medium + lengths.long > 0 ? { ...settings, mode, perScenario, lengths } : null;
  const noScenarios = scenarios.data?.total === 0;
  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      estimate.reset();
    };
  const weight = (key: 'short' | 'medium' | 'long', label: string) => (
    <NumberInput
      label={label}
      min={0}
      max={100}
      w={150}
      value={lengths[key]}
      onChange={(v) => change(setLengths)({ ...lengths, [key]: typeof v === 'number' ? v : 0 })}
    />
  );

  return (
    <Section label="New sessions">
      <Text size="sm" c="dimmed">
        Sessions are written from every scenario that has none yet. They arrive in the Library as synthetic sessions waiting for review.
      </Text>
      {noScenarios ? (
        <Text size="sm" fw={600}>
          Generate scenarios first, in the Scenarios step.
        </Text>
      ) : (
        <>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="session-mode-label">
              Mode
            </Text>
            <SegmentedControl
              aria-labelledby="session-mode-label"
              w="fit-content"
              value={mode}
              onChange={(v) => change(setMode)(v === 'twoAgent' ? 'twoAgent' : 'single')}
              data={[
                { value: 'single', label: 'One call per session' },
                { value: 'twoAgent', label: 'Two agents (client and counselor)' },
              ]}
            />
          </Stack>
          <Group gap="sm" align="flex-end">
            <NumberInput
              label="Sessions per scenario"
              min={1}
              max={20}
              allowDecimal={false}
              w={180}
              value={perScenario}
              onChange={(v) => change(setPerScenario)(typeof v === 'number' ? v : 0)}
            />
            {weight('short', 'Short (6–10 turns)')}
            {weight('medium', 'Medium (12–20)')}
            {weight('long', 'Long (22–34)')}
          </Group>
          <Text size="xs" c="dimmed">
            Length weights are relative: 1, 1, 1 gives a third of each; 1, 0, 0 gives only short sessions.
          </Text>
          <RunSettings label="Generator" value={run} onChange={change(setRun)} />
          <Group gap="sm">
            <Button variant="default" disabled={!input} loading={estimate.isPending} onClick={() => input && estimate.mutate(input)}>
              Estimate
            </Button>
            <Button
              disabled={!input || !estimate.data}
              loading={generate.isPending}
              onClick={() => input && generate.mutate(input, { onSuccess: (job) => setJobId(job.id) })}
            >
              Generate sessions
            </Button>
          </Group>
          {estimate.data && <EstimateView estimate={estimate.data} label="Session estimate" />}
          {(estimate.error ?? generate.error) && <ErrorAlert error={estimate.error ?? generate.error} />}
          <FollowJob jobId={jobId} />
          {jobId && (
            <Text size="sm">
              Generated sessions appear in the <Anchor href={href('library')}>Library</Anchor> as they are written; judge them in{' '}
              <Anchor href={href('review')}>Review</Anchor>.
            </Text>
          )}
        </>
      )}
    </Section>
  );
}
