import { Accordion, Badge, Button, Checkbox, Group, NumberInput, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { PersonaGenerationInput, PersonaView } from '../../../../shared/api/generation';
import type { DomainPack } from '../../../../shared/domain/domainPack';
import { formatCount, plural } from '../../lib/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { QueryView } from '../../ui/QueryView';
import { EstimateView } from '../../ui/EstimateView';
import { FollowJob } from '../jobs/FollowJob';
import { RunSettings, runInput, useRunSettings } from '../models/RunSettings';
import { Section } from '../../ui/Section';
import { useCoverage, usePersonaRun, usePersonas } from './useGeneration';

export function labelOf(list: { id: string; label: string }[], id: string): string {
  return list.find((x) => x.id === id)?.label ?? id;
}

export function PersonasStep({ pack }: { pack: DomainPack }) {
  const [distortions, setDistortions] = useState<string[]>([]);
  const [styles, setStyles] = useState<string[]>([]);
  const [count, setCount] = useState<number>(20);
  const [run, setRun] = useRunSettings('generator');
  const [jobId, setJobId] = useState<string | null>(null);
  const { estimate, generate } = usePersonaRun();
  const settings = runInput(run);
  const input: PersonaGenerationInput | null =
    settings && distortions.length > 0 && styles.length > 0 && count > 0 ? { ...settings, count, distortions, styles } : null;
  const reset = () => {
    estimate.reset();
    generate.reset();
  };

  return (
    <Stack gap="lg">
      <Section label="New personas">
        <Text size="sm" c="dimmed">
          Each persona is a synthetic client for one cell of distortion × style. Choose the cells to fill; personas are spread evenly over
          them.
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Checkbox.Group
            label="Distortions"
            value={distortions}
            onChange={(v) => {
              setDistortions(v);
              reset();
            }}
          >
            <SimpleGrid cols={2} spacing={6} mt="xs">
              {pack.distortions.map((d) => (
                <Checkbox key={d.id} value={d.id} label={d.label} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Checkbox.Group
            label="Styles"
            value={styles}
            onChange={(v) => {
              setStyles(v);
              reset();
            }}
          >
            <SimpleGrid cols={2} spacing={6} mt="xs">
              {pack.styles.map((s) => (
                <Checkbox key={s.id} value={s.id} label={s.label} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        </SimpleGrid>
        <NumberInput
          label="How many personas"
          min={1}
          max={10_000}
          allowDecimal={false}
          w={200}
          value={count}
          onChange={(v) => {
            setCount(typeof v === 'number' ? v : 0);
            reset();
          }}
        />
        <RunSettings
          label="Generator"
          value={run}
          onChange={(v) => {
            setRun(v);
            reset();
          }}
        />
        {!input && (
          <Text size="sm" c="dimmed">
            Choose at least one distortion and one style, a provider and a model to see the estimate.
          </Text>
        )}
        <Group gap="sm">
          <Button variant="default" disabled={!input} loading={estimate.isPending} onClick={() => input && estimate.mutate(input)}>
            Estimate
          </Button>
          <Button
            disabled={!input || !estimate.data}
            loading={generate.isPending}
            onClick={() => input && generate.mutate(input, { onSuccess: (job) => setJobId(job.id) })}
          >
            Generate personas
          </Button>
        </Group>
        {estimate.data && <EstimateView estimate={estimate.data} label="Persona estimate" />}
        {(estimate.error ?? generate.error) && <ErrorAlert error={estimate.error ?? generate.error} />}
        <FollowJob jobId={jobId} />
      </Section>
      <CoverageGrid pack={pack} distortions={distortions} styles={styles} />
      <PersonaList pack={pack} />
    </Stack>
  );
}

function CoverageGrid({ pack, distortions, styles }: { pack: DomainPack; distortions: string[]; styles: string[] }) {
  const coverage = useCoverage(distortions, styles);
  return (
    <Section label="Coverage">
      <Title order={2} size="h3">
        Coverage
      </Title>
      {distortions.length === 0 || styles.length === 0 ? (
        <Text size="sm" c="dimmed">
          Choose distortions and styles above to see how many personas each cell has.
        </Text>
      ) : (
        <QueryView query={coverage} loading="Counting personas…">
          {(cells) => {
            const countOf = (d: string, s: string) => cells.find((c) => c.distortion === d && c.style === s)?.count ?? 0;
            const gaps = distortions.flatMap((d) => styles.filter((s) => countOf(d, s) === 0)).length;
            return (
              <Stack gap="sm">
                <Text size="sm" role="status" aria-label="Coverage summary">
                  {gaps === 0
                    ? `Every one of the ${distortions.length * styles.length} cells has a persona.`
                    : `${plural(gaps, 'empty cell')} of ${distortions.length * styles.length}: generate more personas to fill the gaps.`}
                </Text>
                <Table.ScrollContainer minWidth={400}>
                  <Table withTableBorder withColumnBorders aria-label="Coverage grid">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Distortion</Table.Th>
                        {styles.map((s) => (
                          <Table.Th key={s}>{labelOf(pack.styles, s)}</Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {distortions.map((d) => (
                        <Table.Tr key={d}>
                          <Table.Th scope="row">{labelOf(pack.distortions, d)}</Table.Th>
                          {styles.map((s) => {
                            const n = countOf(d, s);
                            return (
                              <Table.Td
                                key={s}
                                aria-label={`${labelOf(pack.distortions, d)} × ${labelOf(pack.styles, s)}: ${n === 0 ? 'gap' : plural(n, 'persona')}`}
                                bg={n === 0 ? 'red.0' : 'teal.0'}
                                c={n === 0 ? 'red.9' : undefined}
                                ta="center"
                                fw={600}
                              >
                                {n === 0 ? 'gap' : formatCount(n)}
                              </Table.Td>
                            );
                          })}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Stack>
            );
          }}
        </QueryView>
      )}
    </Section>
  );
}

function PersonaList({ pack }: { pack: DomainPack }) {
  const personas = usePersonas();
  return (
    <Section label="Personas">
      <QueryView query={personas} loading="Loading personas…">
        {({ rows, total }) => (
          <Stack gap="sm">
            <Title order={2} size="h3">
              Personas ({formatCount(total)})
            </Title>
            {rows.length === 0 ? (
              <Text size="sm" c="dimmed">
                No personas yet. Choose distortions and styles above, estimate, then generate.
              </Text>
            ) : (
              <>
                {total > rows.length && (
                  <Text size="sm" c="dimmed">
                    Showing the newest {rows.length} of {formatCount(total)}.
                  </Text>
                )}
                <Accordion variant="separated" aria-label="Persona list">
                  {rows.map((p) => (
                    <PersonaItem key={p.id} persona={p} pack={pack} />
                  ))}
                </Accordion>
              </>
            )}
          </Stack>
        )}
      </QueryView>
    </Section>
  );
}

function PersonaItem({ persona, pack }: { persona: PersonaView; pack: DomainPack }) {
  return (
    <Accordion.Item value={persona.id}>
      <Accordion.Control>
        <Group gap="xs">
          <Text fw={600}>{persona.name}</Text>
          {persona.cell.distortions.map((d) => (
            <Badge key={d} variant="light" color="grape">
              {labelOf(pack.distortions, d)}
            </Badge>
          ))}
          <Badge variant="light">{labelOf(pack.styles, persona.cell.style)}</Badge>
          <Text size="xs" c="dimmed">
            {persona.cell.ageBand} · {labelOf(pack.severities, persona.cell.severity)} · risk{' '}
            {labelOf(pack.riskLevels, persona.cell.riskLevel)}
          </Text>
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <ReadableRecord value={persona.persona} />
      </Accordion.Panel>
    </Accordion.Item>
  );
}

/** A JSON object as labelled lines, for people rather than parsers. */
export function ReadableRecord({ value }: { value: Record<string, unknown> }) {
  return (
    <Stack gap={6}>
      {Object.entries(value).map(([key, v]) => (
        <Text key={key} size="sm">
          <Text span fw={600}>
            {humanKey(key)}:
          </Text>{' '}
          {readable(v)}
        </Text>
      ))}
    </Stack>
  );
}

function humanKey(key: string): string {
  const words = key
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function readable(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.map(readable).join('; ');
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${humanKey(k)}: ${readable(x)}`)
      .join(' · ');
  return String(v);
}
