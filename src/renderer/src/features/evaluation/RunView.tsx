import { Alert, Anchor, Badge, Button, Group, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { holmFamilyOf, judgeTemperatureOf, type EvalRunView } from '../../../../shared/api/evaluation';
import { formatCount, formatUsd, formatWhen } from '../../lib/format';
import { href } from '../../lib/router';
import { Fact } from '../../ui/Fact';
import { QueryView } from '../../ui/QueryView';
import { FollowJob } from '../jobs/FollowJob';
import { Section } from '../../ui/Section';
import { ConversationViewer } from './ConversationViewer';
import { rubricLabel, runStatusInfo, shortHash } from './evalFormat';
import { PlannerPanel } from './PlannerPanel';
import { ReportPanel } from './ReportPanel';
import { ResultsPanel } from './ResultsPanel';
import { activeStatuses, useEvalRun, useEvalRunActions } from './useEvaluation';
import { useModelName } from '../models/useModelName';
import { CancelRunModal } from '../../ui/CancelRunModal';

export function RunStatusBadge({ status }: { status: EvalRunView['status'] }) {
  const s = runStatusInfo[status];
  return <Badge color={s.color}>{s.label}</Badge>;
}

/** One run: what it tests, its two jobs' progress, and once scored its results, conversations and report. */
export function RunView({ runId }: { runId: string }) {
  const run = useEvalRun(runId);
  return (
    <Section label="Evaluation run">
      <QueryView query={run} loading="Loading the run…">
        {(r) => <RunBody run={r} />}
      </QueryView>
    </Section>
  );
}

function RunBody({ run }: { run: EvalRunView }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [confirming, setConfirming] = useState(false);
  const { cancel } = useEvalRunActions();
  const active = activeStatuses.includes(run.status);
  const scored = run.status === 'done' || (run.status === 'stopped' && run.judgments.scored > 0);
  // Until a tab is chosen, the results show as soon as there are any.
  const [chosenTab, setTab] = useState<string | null>(null);
  const tab = chosenTab ?? (scored ? 'results' : 'conversations');
  const spec = run.spec;
  const modelName = useModelName();

  // Opening a run (from the list or after starting it) moves the focus to it.
  useEffect(() => {
    heading.current?.focus();
  }, [run.id]);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2} size="h3" ref={heading} tabIndex={-1} style={{ outlineOffset: 4 }}>
              {spec.name}
            </Title>
            <span role="status" aria-label="Run status">
              <RunStatusBadge status={run.status} />
            </span>
          </Group>
          <Text size="sm" c="dimmed">
            {runStatusInfo[run.status].help}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Anchor href={href('evaluate')} size="sm">
            Close
          </Anchor>
          {active && (
            <Button variant="default" color="red" onClick={() => setConfirming(true)}>
              Cancel run
            </Button>
          )}
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" component="dl" m={0} aria-label="Run details">
        <Fact label="Scenario set">
          {run.setName} v{run.setVersion} · hash <span title={run.setHash}>{shortHash(run.setHash)}</span>
        </Fact>
        <Fact label="Models and training sets">
          {spec.arms.map((a) => {
            const n = modelName(a.providerId, a.model);
            const lineage = run.arms?.find((l) => l.label === a.label);
            return (
              <span key={a.label} style={{ display: 'block' }}>
                <b>{a.label}</b>: <span title={n.hover}>{n.name}</span>
                {lineage?.dataset ? (
                  <Text span size="xs" c="dimmed" display="block">
                    trained on {lineage.dataset.name} v{lineage.dataset.version} · {formatCount(lineage.dataset.trainingExamples)} training
                    examples · hash <span title={lineage.dataset.hash}>{shortHash(lineage.dataset.hash)}</span>
                  </Text>
                ) : null}
              </span>
            );
          })}
        </Fact>
        <Fact label="Simulator · judge">
          {spec.simulator.model} · {spec.judge.model}
        </Fact>
        <Fact label="Scoring">
          {[...spec.rubricIds.map(rubricLabel), ...(spec.formulation ? ['formulation accuracy'] : [])].join(', ') || 'none'} ·{' '}
          {spec.judgeRepeats} repeat{spec.judgeRepeats === 1 ? '' : 's'} at temperature {judgeTemperatureOf(spec)} · Holm over{' '}
          {holmFamilyOf(spec) === 'all' ? 'all comparisons' : 'each criterion'}
          {spec.useBatchForScoring ? ' · Batch API' : ''}
        </Fact>
        <Fact label="Conversations">
          {formatCount(run.conversations.done)} of {formatCount(run.conversations.total)} done
          {run.conversations.failed > 0 ? `, ${formatCount(run.conversations.failed)} failed` : ''} · {spec.turns} turns · {spec.seeds} seed
          {spec.seeds === 1 ? '' : 's'}
        </Fact>
        <Fact label="Judgments">
          {formatCount(run.judgments.scored)} of {formatCount(run.judgments.total)} scored
          {run.judgments.missing > 0
            ? `, ${formatCount(run.judgments.missing)} without a score (unreadable, or no criterion could be judged; never 0)`
            : ''}
        </Fact>
        <Fact label="Cost">
          {formatUsd(run.costUsd)}
          {spec.budgetUsd !== null ? ` of ${formatUsd(spec.budgetUsd)} budget` : ''}
        </Fact>
        <Fact label="Started">{formatWhen(run.createdAt)}</Fact>
      </SimpleGrid>

      {run.sizeWarning && (
        <Alert color="orange" variant="light" title="Training-set sizes differ" role="status">
          {run.sizeWarning}
        </Alert>
      )}

      {(active || run.status === 'failed' || run.status === 'stopped') && (
        <Stack gap="xs" component="section" aria-label="Progress">
          <Title order={3} size="h4">
            Progress
          </Title>
          <FollowJob jobId={run.conversationsJobId} />
          <FollowJob jobId={run.scoringJobId} />
        </Stack>
      )}

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="results" disabled={!scored}>
            Results
          </Tabs.Tab>
          <Tabs.Tab value="conversations">Conversations</Tabs.Tab>
          <Tabs.Tab value="plan" disabled={!scored}>
            Plan the next run
          </Tabs.Tab>
          <Tabs.Tab value="report" disabled={!scored}>
            Report
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="results">{scored && <ResultsPanel run={run} />}</Tabs.Panel>
        <Tabs.Panel value="conversations">
          <ConversationViewer run={run} />
        </Tabs.Panel>
        <Tabs.Panel value="report">{scored && <ReportPanel run={run} />}</Tabs.Panel>
        <Tabs.Panel value="plan">{scored && <PlannerPanel run={run} />}</Tabs.Panel>
      </Tabs>
      {!scored && (
        <Text size="sm" c="dimmed">
          Results and the report open once the judge has scored the conversations.
        </Text>
      )}

      <CancelRunModal opened={confirming} onClose={() => setConfirming(false)} title="Cancel this run?" runId={run.id} cancel={cancel}>
        What was done so far is kept; nothing more is started or spent.
      </CancelRunModal>
    </Stack>
  );
}
