import { Button, Checkbox, Group, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { JudgeInput } from '../../../../shared/api/judging';
import { formatCount } from '../../lib/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLibraryState } from '../library/libraryState';
import { EstimateView } from '../../ui/EstimateView';
import { FollowJob } from '../jobs/FollowJob';
import { RunSettings, useRunSettings } from '../models/RunSettings';
import { Section } from '../../ui/Section';
import { useJudgeRun, useRubrics } from './useReview';

/** Start a judge run over the sessions in scope; "judge again" adds new judgments beside the old ones. */
export function JudgePanel() {
  const rubrics = useRubrics();
  const [rubricId, setRubricId] = useState<string | null>(null);
  const [repeats, setRepeats] = useState(1);
  const [source, setSource] = useState<'any' | 'real' | 'synthetic'>('any');
  const [tag, setTag] = useState('');
  const { toJudge, setToJudge } = useLibraryState();
  // Sessions chosen by hand are meant to be judged, judged before or not: "judge again" starts ticked for them.
  const [again, setAgain] = useState(toJudge !== null);
  const [run, setRun] = useRunSettings('judge');
  const [jobId, setJobId] = useState<string | null>(null);
  const { estimate, start } = useJudgeRun();
  const chosenRubric = rubricId ?? rubrics.data?.[0]?.id ?? null;
  const input: JudgeInput | null =
    chosenRubric && repeats >= 1
      ? {
          rubricId: chosenRubric,
          repeats,
          ...(toJudge ? { sessionIds: [...toJudge] } : {}),
          ...(!toJudge && source !== 'any' ? { source } : {}),
          ...(!toJudge && tag.trim() ? { tag: tag.trim() } : {}),
          ...(again ? { again: true } : {}),
          ...(run.providerId && run.model.trim() ? { providerId: run.providerId, model: run.model.trim() } : {}),
          ...(run.budgetUsd !== undefined ? { budgetUsd: run.budgetUsd } : {}),
          ...(run.useBatch ? { useBatch: true } : {}),
        }
      : null;
  const reset = () => estimate.reset();
  return (
    <Section label="Judge sessions">
      <Title order={2} size="h3">
        Judge sessions
      </Title>
      <Text size="sm" c="dimmed">
        The judge scores the sessions you choose that are not yet judged on the rubric, with a separate safety check. Low scores and any
        risk come to the queue.
      </Text>
      <Group gap="sm" align="flex-end">
        <Select
          label="Rubric"
          w={280}
          data={(rubrics.data ?? []).map((r) => ({ value: r.id, label: `${r.name} (v${r.version})` }))}
          value={chosenRubric}
          onChange={(v) => {
            setRubricId(v);
            reset();
          }}
          allowDeselect={false}
        />
        <NumberInput
          label="Repeats per session"
          description="More repeats show the judge's own spread"
          min={1}
          max={10}
          allowDecimal={false}
          w={200}
          value={repeats}
          onChange={(v) => {
            setRepeats(typeof v === 'number' ? v : 0);
            reset();
          }}
        />
        {toJudge === null && (
          <>
            <Select
              label="Sessions"
              w={180}
              data={[
                { value: 'any', label: 'Real and synthetic' },
                { value: 'real', label: 'Real only' },
                { value: 'synthetic', label: 'Synthetic only' },
              ]}
              value={source}
              onChange={(v) => {
                setSource((v ?? 'any') as typeof source);
                reset();
              }}
              allowDeselect={false}
            />
            <TextInput
              label="With tag"
              w={160}
              value={tag}
              onChange={(e) => {
                setTag(e.currentTarget.value);
                reset();
              }}
            />
          </>
        )}
      </Group>
      {toJudge !== null && (
        <Group gap="sm" role="group" aria-label="Sessions to judge">
          <Text size="sm" fw={600}>
            {toJudge.length === 1 ? 'The session' : `The ${formatCount(toJudge.length)} sessions`} selected in the Library
          </Text>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => {
              setToJudge(null);
              reset();
            }}
          >
            Choose by source and tag instead
          </Button>
        </Group>
      )}
      <Checkbox
        label="Judge again: also sessions already judged on this rubric, as new judgments beside the old ones"
        checked={again}
        onChange={(e) => {
          setAgain(e.currentTarget.checked);
          reset();
        }}
      />
      <RunSettings
        label="Judge"
        seed={false}
        value={run}
        onChange={(v) => {
          setRun(v);
          reset();
        }}
      />
      <Stack gap="sm">
        <Group gap="sm">
          <Button variant="default" disabled={!input} loading={estimate.isPending} onClick={() => input && estimate.mutate(input)}>
            Estimate judging
          </Button>
          <Button
            disabled={!input || !estimate.data}
            loading={start.isPending}
            onClick={() => input && start.mutate(input, { onSuccess: (job) => setJobId(job.id) })}
          >
            Start judging
          </Button>
        </Group>
        {estimate.data && <EstimateView estimate={estimate.data} label="Judging estimate" />}
        {rubrics.error && <ErrorAlert title="Could not load the rubrics" error={rubrics.error} />}
        {(estimate.error ?? start.error) && <ErrorAlert error={estimate.error ?? start.error} />}
        <FollowJob jobId={jobId} />
      </Stack>
    </Section>
  );
}
