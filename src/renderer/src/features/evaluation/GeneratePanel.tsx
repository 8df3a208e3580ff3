import { Button, Checkbox, Group, NumberInput, Select, SimpleGrid, Text, Title } from '@mantine/core';
import { IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import type { DomainPack } from '../../../../shared/domain/domainPack';
import { plural } from '../../lib/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FollowJob } from '../jobs/FollowJob';
import { Section } from '../../ui/Section';
import { ModelFields, useRoleModel } from '../models/ModelFields';
import { useEvalSetActions } from './useEvaluation';
import { numberOrEmpty } from '../../lib/forms';

/** The write-up's design: ten distortions by five client styles, one scenario per cell. */
const DEFAULT_DISTORTIONS = 10;
const DEFAULT_STYLES = 5;

/** A stratified set: one scenario per distortion × style cell (or more), written by the generator model as a job. */
export function GeneratePanel({ setId, pack }: { setId: string; pack: DomainPack }) {
  const { generate } = useEvalSetActions();
  const [distortions, setDistortions] = useState<string[]>(() =>
    pack.distortions
      .filter((d) => !d.optional)
      .slice(0, DEFAULT_DISTORTIONS)
      .map((d) => d.id),
  );
  const [styles, setStyles] = useState<string[]>(() => pack.styles.slice(0, DEFAULT_STYLES).map((s) => s.id));
  const [perCell, setPerCell] = useState<number>(1);
  const [riskLevel, setRiskLevel] = useState<string | null>(() => pack.riskLevels[0]?.id ?? null);
  const [seed, setSeed] = useState<number | ''>('');
  const [generator, setGenerator] = useRoleModel('generator');
  const [jobId, setJobId] = useState<string | null>(null);
  const total = distortions.length * styles.length * perCell;
  const ready = distortions.length > 0 && styles.length > 0 && !!generator.providerId && !!generator.model.trim();

  const start = () => {
    if (!ready || !generator.providerId) return;
    generate.mutate(
      {
        setId,
        distortions,
        styles,
        perCell,
        ...(riskLevel ? { riskLevel } : {}),
        providerId: generator.providerId,
        model: generator.model.trim(),
        ...(seed !== '' ? { seed } : {}),
      },
      { onSuccess: (job) => setJobId(job.id) },
    );
  };

  return (
    <Section label="Generate a stratified set">
      <Title order={3} size="h4">
        Generate a stratified set
      </Title>
      <Text size="sm" c="dimmed" maw={760}>
        One scenario for every distortion × client style, so each model meets the same spread of clients. Each scenario gets an intake note
        and a hidden cognitive model. They are added to this set&apos;s draft, where you can read and edit them before freezing.
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Checkbox.Group label={`Distortions (${distortions.length} chosen)`} value={distortions} onChange={setDistortions}>
          <SimpleGrid cols={2} spacing={6} mt="xs">
            {pack.distortions.map((d) => (
              <Checkbox key={d.id} value={d.id} label={d.label} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Checkbox.Group label={`Client styles (${styles.length} chosen)`} value={styles} onChange={setStyles}>
          <SimpleGrid cols={2} spacing={6} mt="xs">
            {pack.styles.map((s) => (
              <Checkbox key={s.id} value={s.id} label={s.label} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <NumberInput
          label="Scenarios per cell"
          description="Repeats of each distortion × style"
          min={1}
          max={10}
          allowDecimal={false}
          value={perCell}
          onChange={(v) => setPerCell(typeof v === 'number' ? v : 1)}
        />
        <Select
          label="Risk level"
          description="For every scenario of this batch"
          data={pack.riskLevels.map((r) => ({ value: r.id, label: r.label }))}
          value={riskLevel}
          onChange={setRiskLevel}
          allowDeselect={false}
        />
        <NumberInput
          label="Seed (optional)"
          description="The same seed gives the same cells and choices"
          min={0}
          allowDecimal={false}
          value={seed}
          onChange={(v) => setSeed(numberOrEmpty(v))}
        />
      </SimpleGrid>
      <ModelFields label="Generator" value={generator} onChange={setGenerator} />
      <Group gap="md">
        <Button leftSection={<IconSparkles size={18} aria-hidden />} disabled={!ready} loading={generate.isPending} onClick={start}>
          Generate {plural(total, 'scenario')}
        </Button>
        <Text size="sm" c="dimmed" role="status" aria-label="Cells">
          {distortions.length} distortion{distortions.length === 1 ? '' : 's'} × {styles.length} style{styles.length === 1 ? '' : 's'}
          {perCell > 1 ? ` × ${perCell} per cell` : ''} = {plural(total, 'scenario')}
        </Text>
      </Group>
      {!ready && (
        <Text size="sm" c="dimmed">
          Choose at least one distortion and one style, a provider and a model.
        </Text>
      )}
      {generate.error && <ErrorAlert title="Could not start the generation" error={generate.error} />}
      <FollowJob jobId={jobId} />
    </Section>
  );
}
