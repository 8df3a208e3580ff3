import { Autocomplete, Button, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { EvalScenario } from '../../../../shared/api/evaluation';
import type { DomainPack } from '../../../../shared/domain/domainPack';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useEvalSetActions } from './useEvaluation';

type Draft = Omit<EvalScenario, 'id' | 'source'>;

const empty = (pack: DomainPack): Draft => ({
  title: '',
  intake: '',
  style: pack.styles[0]?.id ?? '',
  riskLevel: pack.riskLevels[0]?.id ?? '',
  cognitiveModel: { situation: '', automaticThought: '', emotion: '', behaviour: '', coreBelief: '', distortions: [] },
});

/** What is missing before saving, field by field, in the words the labels use. */
function problems(d: Draft): Record<string, string> {
  const out: Record<string, string> = {};
  const need = (key: string, value: string, label: string) => {
    if (!value.trim()) out[key] = `Write the ${label}.`;
  };
  need('title', d.title, 'title');
  need('intake', d.intake, 'intake note');
  need('situation', d.cognitiveModel.situation, 'situation');
  need('automaticThought', d.cognitiveModel.automaticThought, 'automatic thought');
  need('emotion', d.cognitiveModel.emotion, 'emotion');
  need('behaviour', d.cognitiveModel.behaviour, 'behaviour');
  need('coreBelief', d.cognitiveModel.coreBelief, 'core belief');
  if (d.cognitiveModel.distortions.length < 1 || d.cognitiveModel.distortions.length > 3) out.distortions = 'Choose 1 to 3 distortions.';
  return out;
}

/** Adds a scenario by hand or edits one: what the counselor may know, and the hidden model the simulated client acts from. */
export function ScenarioEditor({
  setId,
  pack,
  scenario,
  opened,
  onClose,
}: {
  setId: string;
  pack: DomainPack;
  scenario: EvalScenario | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={scenario ? 'Edit scenario' : 'New scenario'} size="xl">
      {opened && <EditorForm key={scenario?.id ?? 'new'} setId={setId} pack={pack} scenario={scenario} onClose={onClose} />}
    </Modal>
  );
}

function EditorForm({
  setId,
  pack,
  scenario,
  onClose,
}: {
  setId: string;
  pack: DomainPack;
  scenario: EvalScenario | null;
  onClose: () => void;
}) {
  const { saveScenario } = useEvalSetActions();
  const [draft, setDraft] = useState<Draft>(() =>
    scenario
      ? {
          title: scenario.title,
          intake: scenario.intake,
          style: scenario.style,
          riskLevel: scenario.riskLevel,
          cognitiveModel: { ...scenario.cognitiveModel },
        }
      : empty(pack),
  );
  const [tried, setTried] = useState(false);
  const errors = tried ? problems(draft) : {};
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setModel = (patch: Partial<Draft['cognitiveModel']>) =>
    setDraft((d) => ({ ...d, cognitiveModel: { ...d.cognitiveModel, ...patch } }));
  const withUnknown = (list: { id: string; label: string }[], id: string) => [
    ...list.map((x) => ({ value: x.id, label: x.label })),
    ...(id && !list.some((x) => x.id === id) ? [{ value: id, label: id }] : []),
  ];
  const beliefs = [...new Set(pack.coreBeliefs.flatMap((g) => g.beliefs.map((b) => b.label)))];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(problems(draft)).length > 0) return;
    saveScenario.mutate({ setId, scenario: { ...draft, ...(scenario ? { id: scenario.id } : {}) } }, { onSuccess: onClose });
  };

  return (
    <form onSubmit={submit} aria-label={scenario ? 'Edit scenario' : 'New scenario'} noValidate>
      <Stack gap="md">
        <TextInput
          label="Title"
          description="A few words, no names"
          value={draft.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
          error={errors.title}
          required
          data-autofocus
        />
        <Textarea
          label="Intake note"
          description="What the counselor may read before the session: a few sentences, with no mention of the distortions or the core belief."
          autosize
          minRows={3}
          maxRows={8}
          value={draft.intake}
          onChange={(e) => set({ intake: e.currentTarget.value })}
          error={errors.intake}
          required
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Client style"
            data={withUnknown(pack.styles, draft.style)}
            value={draft.style}
            onChange={(v) => v && set({ style: v })}
            allowDeselect={false}
          />
          <Select
            label="Risk level"
            data={withUnknown(pack.riskLevels, draft.riskLevel)}
            value={draft.riskLevel}
            onChange={(v) => v && set({ riskLevel: v })}
            allowDeselect={false}
          />
        </SimpleGrid>
        <Stack
          gap="sm"
          component="fieldset"
          style={{
            border: '1px solid var(--mantine-color-default-border)',
            borderRadius: 'var(--mantine-radius-md)',
            padding: 'var(--mantine-spacing-md)',
          }}
        >
          <Text component="legend" fw={600} px={4}>
            Hidden cognitive model
          </Text>
          <Text size="sm" c="dimmed">
            The simulated client acts from this; the counselor never sees it. Formulation accuracy checks whether the counselor finds the
            distortions and the core belief.
          </Text>
          <Textarea
            label="Situation"
            autosize
            minRows={2}
            value={draft.cognitiveModel.situation}
            onChange={(e) => setModel({ situation: e.currentTarget.value })}
            error={errors.situation}
            required
          />
          <TextInput
            label="Automatic thought"
            description="In the client's own words"
            value={draft.cognitiveModel.automaticThought}
            onChange={(e) => setModel({ automaticThought: e.currentTarget.value })}
            error={errors.automaticThought}
            required
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Emotion"
              description="With its intensity, e.g. Anxious 70"
              value={draft.cognitiveModel.emotion}
              onChange={(e) => setModel({ emotion: e.currentTarget.value })}
              error={errors.emotion}
              required
            />
            <TextInput
              label="Behaviour"
              description="What the client does"
              value={draft.cognitiveModel.behaviour}
              onChange={(e) => setModel({ behaviour: e.currentTarget.value })}
              error={errors.behaviour}
              required
            />
          </SimpleGrid>
          <Autocomplete
            label="Core belief"
            description="One from the domain pack, or your own words"
            data={beliefs}
            value={draft.cognitiveModel.coreBelief}
            onChange={(coreBelief) => setModel({ coreBelief })}
            error={errors.coreBelief}
            required
          />
          <MultiSelect
            label="Distortions"
            description="1 to 3, from the domain pack"
            data={withUnknown(pack.distortions, '').concat(
              draft.cognitiveModel.distortions
                .filter((d) => !pack.distortions.some((x) => x.id === d))
                .map((d) => ({ value: d, label: d })),
            )}
            value={draft.cognitiveModel.distortions}
            onChange={(distortions) => setModel({ distortions })}
            maxValues={3}
            searchable
            error={errors.distortions}
            required
          />
        </Stack>
        {saveScenario.error && <ErrorAlert title="Could not save the scenario" error={saveScenario.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={saveScenario.isPending}>
            Save scenario
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
