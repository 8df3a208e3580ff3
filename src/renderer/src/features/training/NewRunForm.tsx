import {
  Alert,
  Anchor,
  Autocomplete,
  Button,
  Group,
  List,
  Modal,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCoin, IconDatabaseOff, IconServer } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { ValidationReport } from '../../../../shared/api/datasets';
import type { TrainerId, TrainingRunView } from '../../../../shared/api/training';
import { fieldErrors } from '../../lib/errors';
import { formatCount, formatUsd } from '../../lib/format';
import { numberOrEmpty } from '../../lib/forms';
import { href } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { QueryView } from '../../ui/QueryView';
import { Section } from '../../ui/Section';
import { useModels } from '../models/useModels';
import { useProviders } from '../providers/useProviders';
import { RegisterBelowLink } from './OtherRoutes';
import {
  baseModelProblem,
  checkedEpochs,
  emptyForm,
  isDatedSnapshot,
  providersFor,
  startInput,
  suffixProblem,
  suggestedBaseModels,
  trainerLabels,
  versionLabel,
  type RunForm,
} from './trainingForm';
import { useCheckVersion, useFrozenVersions, useStartTraining, type FrozenVersion } from './useFineTune';

/** A new fine-tune: a frozen version, a trainer and its settings, a check that prices it, then the start. */
export function NewRunForm({ onStarted, preselect = null }: { onStarted: (run: TrainingRunView) => void; preselect?: string | null }) {
  const versions = useFrozenVersions();
  return (
    <Section label="New training run">
      <Title order={2} size="h3">
        New training run
      </Title>
      <Text size="sm" c="dimmed" maw={760}>
        Train a model on a frozen dataset version at OpenAI or Together AI. The app follows the run in the background, also after a restart,
        and adds the trained model to the registry with its lineage.
      </Text>
      <QueryView query={versions} loading="Loading the dataset versions…">
        {(list) =>
          list.length === 0 ? (
            <NoVersions />
          ) : (
            <RunFields versions={list} onStarted={onStarted} preselect={list.some((v) => v.id === preselect) ? preselect : null} />
          )
        }
      </QueryView>
      <Alert variant="light" color="gray" icon={<IconServer aria-hidden />} title="Train on your own GPU" role="note">
        <Text size="sm">
          Export a training bundle (Unsloth or Axolotl) from <Anchor href={href('datasets')}>Datasets</Anchor>, train it on your machine,
          then <RegisterBelowLink>register the model below</RegisterBelowLink> with the dataset version it came from.
        </Text>
      </Alert>
    </Section>
  );
}

function NoVersions() {
  return (
    <Alert variant="light" color="yellow" icon={<IconDatabaseOff aria-hidden />} title="No frozen dataset version yet" role="status">
      <Text size="sm">
        Training needs a frozen version: build a dataset from approved sessions in <Anchor href={href('datasets')}>Datasets</Anchor> and
        freeze it. It appears here once frozen.
      </Text>
    </Alert>
  );
}

function RunFields({
  versions,
  onStarted,
  preselect,
}: {
  versions: FrozenVersion[];
  onStarted: (run: TrainingRunView) => void;
  preselect: string | null;
}) {
  const providers = useProviders();
  const [form, setForm] = useState<RunForm>({ ...emptyForm, versionId: preselect });
  const trainerProviders = providersFor(form.trainer, providers.data ?? []);
  const providerId =
    form.providerId && trainerProviders.some((p) => p.id === form.providerId) ? form.providerId : (trainerProviders[0]?.id ?? null);
  const shown: RunForm = { ...form, providerId };
  const models = useModels(providerId);
  const check = useCheckVersion();
  const start = useStartTraining();
  // A check holds for the version, model and epochs it was made with; changing one asks for a new check.
  const checkKey = `${shown.versionId}|${shown.baseModel.trim()}|${checkedEpochs(shown)}`;
  const [checkedKey, setCheckedKey] = useState<string | null>(null);
  const report = check.data && checkedKey === checkKey ? check.data : null;

  const input = startInput(shown);
  const modelProblem = baseModelProblem(shown.trainer, shown.baseModel);
  const suffixError = suffixProblem(shown.suffix);
  const serverErrors = fieldErrors(start.error);
  const canCheck = !!shown.versionId && !!shown.baseModel.trim() && !modelProblem;

  const set = (patch: Partial<RunForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    start.reset();
  };
  const runCheck = () => {
    if (!shown.versionId || !canCheck) return;
    setCheckedKey(checkKey);
    check.mutate({ versionId: shown.versionId, model: shown.baseModel.trim(), epochs: checkedEpochs(shown) });
  };
  const [confirming, setConfirming] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!input || !report?.ok) return;
    setLeaving(false);
    setConfirming(true);
  };
  const confirmStart = () => {
    if (!input) return;
    start.mutate(input, {
      onSuccess: (run) => {
        // The run's monitor takes the focus: the closing dialog must not hand it back to the Start button.
        setLeaving(true);
        onStarted(run);
      },
      onSettled: () => setConfirming(false),
    });
  };
  const version = versions.find((v) => v.id === shown.versionId);

  const modelOptions = [
    ...new Set([
      ...suggestedBaseModels[shown.trainer],
      ...(shown.trainer === 'openai' ? (models.data ?? []).map((m) => m.modelId).filter(isDatedSnapshot) : []),
    ]),
  ];

  return (
    <form onSubmit={submit} aria-label="New training run" noValidate>
      <Stack gap="md">
        <Select
          label="Dataset version"
          description="Only frozen versions can be trained on: their examples do not change."
          placeholder="Choose a frozen version"
          data={versions.map((v) => ({ value: v.id, label: versionLabel(v) }))}
          value={shown.versionId}
          onChange={(versionId) => set({ versionId })}
          searchable
          nothingFoundMessage="No version matches"
          maw={640}
          error={serverErrors.versionId}
        />
        <Radio.Group
          label="Trainer"
          description="Where the training runs"
          value={shown.trainer}
          onChange={(v) => set({ trainer: v as TrainerId, baseModel: suggestedBaseModels[v as TrainerId][0] ?? '' })}
        >
          <Group gap="lg" mt={6}>
            {(Object.keys(trainerLabels) as TrainerId[]).map((t) => (
              <Radio key={t} value={t} label={trainerLabels[t]} />
            ))}
          </Group>
        </Radio.Group>
        {providers.isError && (
          <ErrorAlert title="Could not load the providers" error={providers.error} onRetry={() => void providers.refetch()} />
        )}
        {providers.isSuccess && trainerProviders.length === 0 ? (
          <Alert variant="light" color="yellow" title={`No ${trainerLabels[shown.trainer]} provider yet`} role="status">
            <Text size="sm">
              Add one with the {trainerLabels[shown.trainer]} preset in{' '}
              <Anchor href={href('settings', 'providers')}>Settings › Providers</Anchor>; only providers that fine-tune are offered here.
            </Text>
          </Alert>
        ) : (
          <Select
            label="Provider"
            description={`Providers that fine-tune with ${trainerLabels[shown.trainer]}`}
            placeholder="Choose a provider"
            data={trainerProviders.map((p) => ({ value: p.id, label: p.name }))}
            value={providerId}
            onChange={(v) => set({ providerId: v })}
            allowDeselect={false}
            maw={400}
            error={serverErrors.providerId}
          />
        )}
        <Autocomplete
          label="Base model"
          description={
            shown.trainer === 'openai'
              ? 'A dated snapshot such as gpt-4o-mini-2024-07-18. OpenAI refuses aliases such as gpt-4o-mini: an alias moves to newer weights over time, and a fine-tune must start from exact ones.'
              : 'An open model Together fine-tunes (its fine-tuning models page lists them); Together trains a LoRA adapter on it.'
          }
          placeholder={suggestedBaseModels[shown.trainer][0]}
          data={modelOptions}
          value={shown.baseModel}
          onChange={(baseModel) => set({ baseModel })}
          error={modelProblem ?? serverErrors.baseModel}
          spellCheck={false}
          maw={640}
        />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3, xl: shown.trainer === 'openai' ? 5 : 4 }} spacing="sm">
          <TextInput
            label="Suffix (optional)"
            description="Part of the model's name"
            placeholder="e.g. esconv-v1"
            value={shown.suffix}
            onChange={(e) => set({ suffix: e.currentTarget.value })}
            error={suffixError ?? serverErrors.suffix}
            spellCheck={false}
          />
          <NumberInput
            label="Epochs"
            description="Passes over the data"
            min={1}
            max={50}
            allowDecimal={false}
            value={shown.epochs}
            onChange={(v) => set({ epochs: numberOrEmpty(v) })}
            error={serverErrors.epochs}
          />
          <NumberInput
            label="Batch size"
            description="Empty: the provider picks"
            min={1}
            max={256}
            allowDecimal={false}
            value={shown.batchSize}
            onChange={(v) => set({ batchSize: numberOrEmpty(v) })}
            error={serverErrors.batchSize}
          />
          {shown.trainer === 'openai' && (
            <NumberInput
              label="Learning-rate multiplier"
              description="Empty: OpenAI picks"
              min={0.01}
              max={100}
              decimalScale={3}
              step={0.1}
              value={shown.learningRateMultiplier}
              onChange={(v) => set({ learningRateMultiplier: numberOrEmpty(v) })}
              error={serverErrors.learningRateMultiplier}
            />
          )}
          <NumberInput
            label="Seed"
            description="Empty: the provider picks"
            min={0}
            allowDecimal={false}
            value={shown.seed}
            onChange={(v) => set({ seed: numberOrEmpty(v) })}
            error={serverErrors.seed}
          />
        </SimpleGrid>
        <Group gap="sm">
          <Button
            variant="default"
            leftSection={<IconCoin size={18} aria-hidden />}
            onClick={runCheck}
            disabled={!canCheck}
            loading={check.isPending}
          >
            Check and estimate
          </Button>
          <Button type="submit" disabled={!input || !report?.ok} loading={start.isPending}>
            Start training
          </Button>
          {!report && (
            <Text size="sm" c="dimmed">
              {canCheck
                ? 'Check the version with this model first; starting is possible once it passes.'
                : 'Choose a version and a base model, then check them.'}
            </Text>
          )}
        </Group>
        {check.isError && checkedKey === checkKey && (
          <ErrorAlert title="Could not check the version" error={check.error} onRetry={runCheck} />
        )}
        {report && <CheckResult report={report} />}
        <Modal opened={confirming} onClose={() => setConfirming(false)} title="Start this training run?" returnFocus={!leaving}>
          <Stack gap="md">
            <Text>
              Train {shown.baseModel.trim()} on {version ? `${version.datasetName} v${version.version}` : 'the chosen version'} at{' '}
              {trainerLabels[shown.trainer]}. The provider charges{' '}
              <Text span fw={700}>
                {report?.trainingCost?.costUsd == null
                  ? 'an amount the app cannot estimate (no training price in Settings › Models)'
                  : `about ${formatUsd(report.trainingCost.costUsd)}`}
              </Text>
              .
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)}>
                Not now
              </Button>
              <Button onClick={confirmStart} loading={start.isPending}>
                Start and pay
              </Button>
            </Group>
          </Stack>
        </Modal>
        {start.isError && Object.keys(serverErrors).length === 0 && <ErrorAlert title="The training did not start" error={start.error} />}
      </Stack>
    </form>
  );
}

function CheckResult({ report }: { report: ValidationReport }) {
  const cost = report.trainingCost;
  return (
    <Alert
      variant="light"
      color={report.ok ? 'sea' : 'red'}
      icon={report.ok ? <IconCircleCheck aria-hidden /> : <IconAlertTriangle aria-hidden />}
      title={report.ok ? 'The version passes the format checks' : 'The version does not pass the format checks'}
      role="status"
    >
      <Stack gap={6}>
        <Text size="sm">
          {formatCount(report.examples)} examples · {formatCount(report.errors)} error{report.errors === 1 ? '' : 's'} ·{' '}
          {formatCount(report.warnings)} warning{report.warnings === 1 ? '' : 's'}
          {report.tokenLimit !== null ? ` · limit ${formatCount(report.tokenLimit)} tokens per example` : ''}
        </Text>
        {cost && (
          <>
            <Text size="sm">
              Training cost:{' '}
              <Text span fw={600}>
                {cost.costUsd === null ? 'unknown' : `about ${formatUsd(cost.costUsd)}`}
              </Text>{' '}
              for {formatCount(cost.tokens)} trained tokens ({cost.epochs} epoch{cost.epochs === 1 ? '' : 's'} of {cost.model})
            </Text>
            <Text size="xs" c="dimmed">
              {cost.basis}
            </Text>
          </>
        )}
        {report.issues.length > 0 && (
          <List size="sm" spacing={2} aria-label="Problems found">
            {report.issues.slice(0, 8).map((issue, i) => (
              <List.Item key={i}>
                {issue.example > 0 ? `Example ${issue.example}` : 'Dataset'} ({issue.severity}): {issue.message}
              </List.Item>
            ))}
          </List>
        )}
        {!report.ok && (
          <Text size="sm">
            Fix these in <Anchor href={href('datasets')}>Datasets</Anchor> and freeze a new version; a frozen version itself never changes.
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
