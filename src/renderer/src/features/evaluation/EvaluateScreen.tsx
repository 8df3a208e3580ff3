import { Anchor, Button, EmptyState, Grid, Group, NavLink, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconChartBar, IconListDetails, IconPlayerPlay, IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { EvalRunView, EvalSetView } from '../../../../shared/api/evaluation';
import { formatCount, formatUsd, formatWhen } from '../../lib/format';
import { href, navigate } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { QueryView } from '../../ui/QueryView';
import { TableHeader } from '../../ui/TableHeader';
import { Section } from '../../ui/Section';
import { useDomainPack } from '../generate/useGeneration';
import { NewRunForm } from './NewRunForm';
import { RunStatusBadge, RunView } from './RunView';
import { SetDetail } from './SetDetail';
import { useEvalRuns, useEvalSetActions, useEvalSets } from './useEvaluation';
import { SelectedRow } from '../../ui/SelectedRow';

/**
 * The route's one segment says what is open: nothing (sets and runs), `set:<id>`, `new` or
 * `new:<versionId>` (the run form), or `run:<id>`.
 */
type View =
  | { kind: 'home' }
  | { kind: 'set'; id: string }
  | { kind: 'new'; versionId: string | null; entryId: string | null }
  | { kind: 'run'; id: string };

function parseSub(sub: string | null): View {
  if (!sub) return { kind: 'home' };
  const colon = sub.indexOf(':');
  const head = colon < 0 ? sub : sub.slice(0, colon);
  const rest = colon < 0 ? '' : sub.slice(colon + 1);
  if (head === 'set' && rest) return { kind: 'set', id: rest };
  if (head === 'run' && rest) return { kind: 'run', id: rest };
  if (head === 'new') return { kind: 'new', versionId: rest || null, entryId: null };
  // From Fine-tune: a new run that starts with this registry model.
  if (head === 'add' && rest) return { kind: 'new', versionId: null, entryId: rest };
  return { kind: 'home' };
}

/** Evaluate: scenario sets to test on, runs that let a simulated client talk with each model, and their statistics. */
export function EvaluateScreen({ sub }: { sub: string | null }) {
  const view = parseSub(sub);
  return (
    <Stack gap="lg">
      <PageHeader
        title="Evaluate"
        description="Have a simulated client talk with each model on the same scenarios, let a judge score every conversation, and compare the models with intervals and paired tests."
        actions={
          <Button component="a" href={href('evaluate', 'new')} leftSection={<IconPlayerPlay size={18} aria-hidden />}>
            New run
          </Button>
        }
      />
      {view.kind === 'run' && <RunView key={view.id} runId={view.id} />}
      {view.kind === 'new' && (
        <NewRunForm
          key={view.versionId ?? view.entryId ?? 'new'}
          versionId={view.versionId}
          entryId={view.entryId}
          onStarted={(run) => {
            navigate('evaluate', `run:${run.id}`);
            window.scrollTo({ top: 0 });
          }}
        />
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: view.kind === 'set' ? 3 : 5 }}>
          <SetsList selected={view.kind === 'set' ? view.id : null} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: view.kind === 'set' ? 9 : 7 }}>
          {view.kind === 'set' ? <SetView key={view.id} setId={view.id} /> : <RunsList selected={view.kind === 'run' ? view.id : null} />}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function SetsList({ selected }: { selected: string | null }) {
  const sets = useEvalSets();
  return (
    <Section label="Scenario sets">
      <Title order={2} size="h3">
        Scenario sets
      </Title>
      <QueryView query={sets} loading="Loading the scenario sets…">
        {(list) =>
          list.length === 0 ? (
            <Text size="sm" c="dimmed">
              No scenario set yet. Create one below, then generate, import or write its scenarios.
            </Text>
          ) : (
            <Stack gap={4} component="nav" aria-label="Scenario sets">
              {list.map((s) => (
                <NavLink
                  key={s.id}
                  href={href('evaluate', `set:${s.id}`)}
                  active={s.id === selected}
                  aria-current={s.id === selected ? 'page' : undefined}
                  label={s.name}
                  description={`${formatCount(s.scenarios.length)} scenario${s.scenarios.length === 1 ? '' : 's'} · ${s.versions.length} version${s.versions.length === 1 ? '' : 's'}`}
                  leftSection={<IconListDetails size={18} aria-hidden />}
                />
              ))}
            </Stack>
          )
        }
      </QueryView>
      <NewSetForm />
    </Section>
  );
}

function NewSetForm() {
  const { create } = useEvalSetActions();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    create.mutate(
      { name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) },
      {
        onSuccess: (set) => {
          setName('');
          setDescription('');
          navigate('evaluate', `set:${set.id}`);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label="New scenario set">
      <Stack gap="xs">
        <TextInput
          label="New set name"
          placeholder="e.g. CBT 10 × 5"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={120}
        />
        <Textarea
          label="Description (optional)"
          autosize
          minRows={1}
          maxRows={4}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        {create.error && <ErrorAlert title="Could not create the set" error={create.error} />}
        <Group>
          <Button
            type="submit"
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            disabled={!name.trim()}
            loading={create.isPending}
          >
            Create set
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SetView({ setId }: { setId: string }) {
  const sets = useEvalSets();
  const pack = useDomainPack();
  return (
    <QueryView query={sets} loading="Loading the scenario set…">
      {(list) => {
        const set: EvalSetView | undefined = list.find((s) => s.id === setId);
        if (!set) {
          return (
            <Text c="dimmed">
              That scenario set is not in this project. <Anchor href={href('evaluate')}>Back to Evaluate</Anchor>
            </Text>
          );
        }
        return (
          <QueryView query={pack} loading="Loading the domain pack…">
            {(p) => <SetDetail set={set} pack={p} />}
          </QueryView>
        );
      }}
    </QueryView>
  );
}

function RunsList({ selected }: { selected: string | null }) {
  const runs = useEvalRuns();
  return (
    <Section label="Runs">
      <Title order={2} size="h3">
        Runs
      </Title>
      <QueryView query={runs} loading="Loading the runs…">
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              icon={<IconChartBar aria-hidden />}
              withIndicatorBackground
              title="No runs yet"
              description="Freeze a scenario set, then start a new run with the models you want to compare."
            />
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table aria-label="Evaluation runs" highlightOnHover verticalSpacing="xs">
                <TableHeader
                  columns={['Run', 'Status', 'Set', { label: 'Conversations', numeric: true }, { label: 'Cost', numeric: true }]}
                />
                <Table.Tbody>
                  {list.map((run) => (
                    <RunRow key={run.id} run={run} selected={run.id === selected} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryView>
    </Section>
  );
}

function RunRow({ run, selected }: { run: EvalRunView; selected: boolean }) {
  return (
    <SelectedRow selected={selected}>
      <Table.Td>
        <Anchor href={href('evaluate', `run:${run.id}`)}>{run.spec.name}</Anchor>
        <Text size="xs" c="dimmed">
          {run.spec.arms.map((a) => a.label).join(' · ')} · {formatWhen(run.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <RunStatusBadge status={run.status} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {run.setName} v{run.setVersion}
        </Text>
      </Table.Td>
      <Table.Td style={{ textAlign: 'right' }}>
        {formatCount(run.conversations.done)} / {formatCount(run.conversations.total)}
      </Table.Td>
      <Table.Td style={{ textAlign: 'right' }}>{formatUsd(run.costUsd)}</Table.Td>
    </SelectedRow>
  );
}
