import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  List,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { EvalRunView, EvalSetView, HolmFamily } from '../../../../shared/api/evaluation';
import { formatCount } from '../../lib/format';
import { numberOrEmpty } from '../../lib/forms';
import { href } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { TemperatureInput } from '../../ui/TemperatureInput';
import { QueryView } from '../../ui/QueryView';
import { EstimateView } from '../../ui/EstimateView';
import { Section } from '../../ui/Section';
import { useDomainPack } from '../generate/useGeneration';
import { isChatModel } from '../../../../shared/domain/model';
import { useModels } from '../models/useModels';
import { useProviders } from '../providers/useProviders';
import { useRubrics } from '../review/useReview';
import { ArmsEditor } from './ArmsEditor';
import { shortHash } from './evalFormat';
import { ModelFields, useRoleModel } from '../models/ModelFields';
import { chosenRubrics, emptyDraft, problems, toSpec, type Context, type RunDraft } from './runForm';
import { useEvalRunActions, useEvalSets } from './useEvaluation';

/** A new evaluation run: what to test on, which models, who plays the client and who judges; estimated before it starts. */
export function NewRunForm({
  versionId,
  entryId = null,
  onStarted,
}: {
  versionId: string | null;
  entryId?: string | null;
  onStarted: (run: EvalRunView) => void;
}) {
  const sets = useEvalSets();
  return (
    <Section label="New run">
      <Title order={2} size="h3">
        New run
      </Title>
      <Text size="sm" c="dimmed" maw={760}>
        A simulated client plays each scenario with every model; the judge then scores each conversation. Every model meets the same client
        for the same scenario and seed, so the comparison is paired.
      </Text>
      <QueryView query={sets} loading="Loading the scenario sets…">
        {(list) =>
          list.every((s) => s.versions.length === 0) ? (
            <Alert color="yellow" variant="light" title="No frozen scenario set yet" role="status">
              <Text size="sm">
                A run needs a frozen set of scenarios. Create one under Scenario sets on this screen, generate or import its scenarios, and
                freeze it; it appears here once frozen.
              </Text>
            </Alert>
          ) : (
            // A version frozen a moment ago may not be in the cached list yet: the form starts again once it is, so the chosen version holds.
            <RunFields
              key={list.some((s) => s.versions.some((v) => v.id === versionId)) ? 'found' : 'waiting'}
              sets={list}
              initialVersionId={versionId}
              entryId={entryId}
              onStarted={onStarted}
            />
          )
        }
      </QueryView>
    </Section>
  );
}

function RunFields({
  sets,
  initialVersionId,
  entryId,
  onStarted,
}: {
  sets: EvalSetView[];
  initialVersionId: string | null;
  entryId: string | null;
  onStarted: (run: EvalRunView) => void;
}) {
  const versions = sets.flatMap((s) =>
    [...s.versions].reverse().map((v) => ({
      value: v.id,
      label: `${s.name} v${v.version} · ${v.scenarios} scenarios · hash ${shortHash(v.contentHash)}`,
      scenarios: v.scenarios,
    })),
  );
  const [draft, setDraft] = useState<RunDraft>(() =>
    emptyDraft(versions.find((v) => v.value === initialVersionId)?.value ?? versions[0]?.value ?? null, entryId),
  );
  const [simulator, setSimulator] = useRoleModel('patientSimulator');
  const [judge, setJudge] = useRoleModel('judge');
  const registry = useModels(null);
  const providers = useProviders();
  const rubrics = useRubrics();
  const pack = useDomainPack();
  const { estimate, start } = useEvalRunActions();

  const ctx: Context = {
    registry: registry.data ?? [],
    packPrompt: pack.data?.systemPrompt ?? '',
    simulator,
    judge,
    defaultRubrics: rubrics.data?.some((r) => r.id === 'empathy-relevance') ? ['empathy-relevance'] : [],
  };
  const spec = toSpec(draft, ctx);
  const missing = problems(draft, ctx);
  const specKey = spec ? JSON.stringify(spec) : null;
  const [estimatedKey, setEstimatedKey] = useState<string | null>(null);
  const estimateShown = estimate.data && estimatedKey === specKey ? estimate.data : null;
  const judgeBatches = providers.data?.find((p) => p.id === judge.providerId)?.capabilities.batches === true;
  const set = (patch: Partial<RunDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    start.reset();
  };
  const scenarios = versions.find((v) => v.value === draft.setVersionId)?.scenarios ?? 0;

  const runEstimate = () => {
    if (!spec) return;
    setEstimatedKey(specKey);
    estimate.mutate(spec);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!spec || !estimateShown) return;
    start.mutate(spec, { onSuccess: onStarted });
  };

  return (
    <form onSubmit={submit} aria-label="New run" noValidate>
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <TextInput
            label="Name"
            placeholder="e.g. Base vs real-only vs hybrid"
            value={draft.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            maxLength={120}
            required
          />
          <Select
            label="Scenario set version"
            data={versions}
            value={draft.setVersionId}
            onChange={(setVersionId) => set({ setVersionId })}
            allowDeselect={false}
            searchable
          />
        </SimpleGrid>

        <Stack gap="xs">
          <Title order={3} size="h4">
            Models under test
          </Title>
          <QueryView query={registry} loading="Loading the model registry…">
            {(entries) => (
              <ArmsEditor
                arms={draft.arms}
                onChange={(arms) => set({ arms })}
                registry={entries.filter((e) => isChatModel(e.modelId))}
                providers={providers.data ?? []}
              />
            )}
          </QueryView>
          <Textarea
            label="Shared system prompt"
            description="Used by every arm without a prompt of its own. It starts as the domain pack's counselor prompt."
            autosize
            minRows={3}
            maxRows={10}
            value={draft.sharedSystemPrompt ?? ctx.packPrompt}
            onChange={(e) => set({ sharedSystemPrompt: e.currentTarget.value })}
          />
        </Stack>

        <Stack gap="xs">
          <Title order={3} size="h4">
            Simulated client and judge
          </Title>
          {providers.data?.length === 0 && (
            <Alert color="yellow" variant="light" title="No provider yet" role="status">
              <Text size="sm">
                The simulated client and the judge are models too: add a provider in{' '}
                <Anchor href={href('settings', 'providers')}>Settings › Providers</Anchor> first.
              </Text>
            </Alert>
          )}
          <ModelFields
            label="Patient simulator"
            value={simulator}
            onChange={setSimulator}
            cols={3}
            description="A strong model, ideally from a different family than the judge, so the judge does not favour its own kind of client."
          >
            <TemperatureInput
              label="Simulator temperature"
              value={draft.simulatorTemperature}
              onChange={(v) => set({ simulatorTemperature: v })}
            />
          </ModelFields>
          <ModelFields
            label="Judge"
            value={judge}
            onChange={setJudge}
            description="Prefer a judge from a different model family than the models under test: judges tend to favour their own family."
          />
        </Stack>

        <Stack gap="xs">
          <Title order={3} size="h4">
            Scoring
          </Title>
          <QueryView query={rubrics} loading="Loading the rubrics…">
            {(list) => (
              <Checkbox.Group
                label="Rubrics"
                description="Empathy and relevance reproduce the write-up's table; CTRS scores CBT competence item by item (one judge call per item)."
                value={chosenRubrics(draft, ctx)}
                onChange={(rubricIds) => set({ rubricIds })}
              >
                <Stack gap={6} mt="xs">
                  {list.map((r) => (
                    <Checkbox
                      key={r.id}
                      value={r.id}
                      label={`${r.name}${r.safety ? ' (safety)' : ''}`}
                      description={`${r.criteria.length} criteria · ${r.id}`}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
          </QueryView>
          <Switch
            label="Formulation accuracy"
            description="Also judge whether the counselor found the scenario's hidden distortions and core belief."
            checked={draft.formulation}
            onChange={(e) => set({ formulation: e.currentTarget.checked })}
          />
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
            <NumberInput
              label="Counselor turns"
              description="The client speaks first"
              min={1}
              max={40}
              allowDecimal={false}
              value={draft.turns}
              onChange={(v) => set({ turns: numberOrEmpty(v) })}
            />
            <NumberInput
              label="Seeds"
              description="Repeats of each scenario"
              min={1}
              max={10}
              allowDecimal={false}
              value={draft.seeds}
              onChange={(v) => set({ seeds: numberOrEmpty(v) })}
            />
            <NumberInput
              label="Judge repeats"
              description="Two or more measure the judge's consistency"
              min={1}
              max={5}
              allowDecimal={false}
              value={draft.judgeRepeats}
              onChange={(v) => set({ judgeRepeats: numberOrEmpty(v) })}
            />
            <TemperatureInput
              label="Judge temperature"
              description="Empty: 0.7 with repeats (they must sample), 0 for one judgment"
              value={draft.judgeTemperature}
              onChange={(v) => set({ judgeTemperature: v })}
            />
            <Select
              label="Holm family"
              description="Which tests share the correction for multiple comparisons"
              data={[
                { value: 'all', label: 'All comparisons of the run' },
                { value: 'criterion', label: 'Within each criterion' },
              ]}
              value={draft.holmFamily}
              onChange={(v) => set({ holmFamily: (v ?? 'all') as HolmFamily })}
              allowDeselect={false}
            />
            <NumberInput
              label="Budget (USD)"
              description="Stops the run when reached"
              min={0.01}
              decimalScale={2}
              prefix="$"
              value={draft.budgetUsd}
              onChange={(v) => set({ budgetUsd: typeof v === 'number' && v > 0 ? v : '' })}
            />
          </SimpleGrid>
          {judgeBatches && (
            <Switch
              label="Score through the Batch API"
              description="Half the price for the judge's calls; the provider answers within a day. The conversations themselves are held live."
              checked={draft.useBatchForScoring}
              onChange={(e) => set({ useBatchForScoring: e.currentTarget.checked })}
            />
          )}
        </Stack>

        <Text size="sm" role="status" aria-label="Run size">
          {formatCount(scenarios)} scenarios × {draft.arms.length} model{draft.arms.length === 1 ? '' : 's'} × {draft.seeds || 0} seed
          {draft.seeds === 1 ? '' : 's'} = {formatCount(scenarios * draft.arms.length * (draft.seeds || 0))} conversations
        </Text>
        {missing.length > 0 && (
          <Alert color="gray" variant="light" title="Before estimating" role="status">
            <List size="sm">
              {missing.map((m) => (
                <List.Item key={m}>{m}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Group gap="sm">
          <Button variant="default" disabled={!spec} loading={estimate.isPending} onClick={runEstimate}>
            Estimate
          </Button>
          <Button
            type="submit"
            leftSection={<IconPlayerPlay size={16} aria-hidden />}
            disabled={!spec || !estimateShown}
            loading={start.isPending}
          >
            Start run
          </Button>
          {spec && !estimateShown && !estimate.isPending && (
            <Text size="sm" c="dimmed">
              Estimate first: it says what the run will cost before anything is spent.
            </Text>
          )}
        </Group>
        {estimateShown && (
          <Stack gap="xs">
            <Text size="sm" role="status" aria-label="Conversations and judgments">
              {formatCount(estimateShown.conversations)} conversations · {formatCount(estimateShown.judgments)} judgments
            </Text>
            <EstimateView estimate={estimateShown} label="Run estimate" />
          </Stack>
        )}
        {estimate.error && estimatedKey === specKey && <ErrorAlert title="Could not estimate" error={estimate.error} />}
        {start.error && <ErrorAlert title="Could not start the run" error={start.error} />}
        <Text size="sm" c="dimmed">
          Prices come from <Anchor href={href('settings', 'models')}>Settings › Models</Anchor>; time from the provider&apos;s last speed
          test.
        </Text>
      </Stack>
    </form>
  );
}
