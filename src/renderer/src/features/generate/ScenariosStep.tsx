import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { DomainPack } from '../../../../shared/domain/domainPack';
import { formatCount } from '../../lib/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { QueryView } from '../../ui/QueryView';
import { labelOf } from './PersonasStep';
import { EstimateView } from '../../ui/EstimateView';
import { FollowJob } from '../jobs/FollowJob';
import { RunSettings, runInput, useRunSettings } from '../models/RunSettings';
import { Section } from '../../ui/Section';
import { usePersonas, useScenarioRun, useScenarios } from './useGeneration';

export function ScenariosStep({ pack }: { pack: DomainPack }) {
  const personas = usePersonas();
  const [run, setRun] = useRunSettings('generator');
  const [jobId, setJobId] = useState<string | null>(null);
  const { estimate, generate } = useScenarioRun();
  const input = runInput(run);
  const noPersonas = personas.data?.total === 0;

  return (
    <Stack gap="lg">
      <Section label="New scenarios">
        <Text size="sm" c="dimmed">
          A scenario gives a persona a situation, a theme and a cognitive model (thought, emotion, behaviour, core belief). Scenarios are
          written for every persona that has none.
        </Text>
        {noPersonas ? (
          <Text size="sm" fw={600}>
            Generate personas first, in the Personas step.
          </Text>
        ) : (
          <>
            <RunSettings
              label="Generator"
              value={run}
              onChange={(v) => {
                setRun(v);
                estimate.reset();
              }}
            />
            <Group gap="sm">
              <Button variant="default" disabled={!input} loading={estimate.isPending} onClick={() => input && estimate.mutate(input)}>
                Estimate
              </Button>
              <Button
                disabled={!input || !estimate.data}
                loading={generate.isPending}
                onClick={() => input && generate.mutate(input, { onSuccess: (job) => setJobId(job.id) })}
              >
                Generate scenarios
              </Button>
            </Group>
            {estimate.data && <EstimateView estimate={estimate.data} label="Scenario estimate" />}
            {(estimate.error ?? generate.error) && <ErrorAlert error={estimate.error ?? generate.error} />}
            <FollowJob jobId={jobId} />
          </>
        )}
      </Section>
      <ScenarioList pack={pack} />
    </Stack>
  );
}

function ScenarioList({ pack }: { pack: DomainPack }) {
  const scenarios = useScenarios();
  return (
    <Section label="Scenarios">
      <QueryView query={scenarios} loading="Loading scenarios…">
        {({ rows, total }) => (
          <Stack gap="sm">
            <Title order={2} size="h3">
              Scenarios ({formatCount(total)})
            </Title>
            {rows.length === 0 ? (
              <Text size="sm" c="dimmed">
                No scenarios yet. Generate personas, then scenarios for them.
              </Text>
            ) : (
              <Stack gap="xs" component="ul" aria-label="Scenario list" p={0} m={0} style={{ listStyle: 'none' }}>
                {rows.map((s) => (
                  <Paper key={s.id} component="li" p="sm" withBorder>
                    <Stack gap={4}>
                      <Group gap="xs">
                        <Text fw={600}>{s.theme}</Text>
                        {s.distortions.map((d) => (
                          <Badge key={d} variant="light" color="grape">
                            {labelOf(pack.distortions, d)}
                          </Badge>
                        ))}
                      </Group>
                      <Text size="sm">{s.summary}</Text>
                    </Stack>
                  </Paper>
                ))}
              </Stack>
            )}
          </Stack>
        )}
      </QueryView>
    </Section>
  );
}
