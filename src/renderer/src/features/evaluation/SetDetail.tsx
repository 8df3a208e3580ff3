import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconLock, IconPencil, IconPlayerPlay, IconPlus, IconTrash, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import type { EvalScenario, EvalSetView } from '../../../../shared/api/evaluation';
import type { DomainPack } from '../../../../shared/domain/domainPack';
import { formatCount, formatWhen } from '../../lib/format';
import { href } from '../../lib/router';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Pager } from '../../ui/Pager';
import { Section } from '../../ui/Section';
import { shortHash } from './evalFormat';
import { GeneratePanel } from './GeneratePanel';
import { ImportPanel } from './ImportPanel';
import { LeakagePanel } from './LeakagePanel';
import { ScenarioEditor } from './ScenarioEditor';
import { useEvalSetActions } from './useEvaluation';

const PAGE = 20;

const labelOf = (list: { id: string; label: string }[], id: string) => list.find((x) => x.id === id)?.label ?? id;
const sourceLabel: Record<EvalScenario['source'], string> = { generated: 'Generated', imported: 'Imported', manual: 'By hand' };

/** One scenario set: its draft scenarios (generate, import, add, edit, remove), its frozen versions and the leakage check. */
export function SetDetail({ set, pack }: { set: EvalSetView; pack: DomainPack }) {
  const { freeze } = useEvalSetActions();
  const next = (set.versions.at(-1)?.version ?? 0) + 1;
  const latest = set.versions.at(-1);
  // An empty set opens on the ways to fill it; a filled one on its scenarios. Panels stay mounted, so a
  // generation followed in its tab keeps its progress while the scenarios tab is read.
  const [tab, setTab] = useState<string | null>(() => (set.scenarios.length === 0 ? 'generate' : 'scenarios'));
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={4} maw={560}>
          <Title order={2}>{set.name}</Title>
          {set.description && <Text c="dimmed">{set.description}</Text>}
          <Text size="sm" c="dimmed">
            {formatCount(set.scenarios.length)} scenario{set.scenarios.length === 1 ? '' : 's'} in the draft ·{' '}
            {latest
              ? `latest version v${latest.version} (${formatCount(latest.scenarios)} scenarios, hash ${shortHash(latest.contentHash)})`
              : 'not frozen yet'}
          </Text>
        </Stack>
        <Group gap="sm">
          {latest && (
            <Button
              component="a"
              href={href('evaluate', `new:${latest.id}`)}
              variant="default"
              leftSection={<IconPlayerPlay size={16} aria-hidden />}
            >
              New run on v{latest.version}
            </Button>
          )}
          <Button
            leftSection={<IconLock size={16} aria-hidden />}
            disabled={set.scenarios.length === 0}
            loading={freeze.isPending}
            onClick={() => freeze.mutate({ setId: set.id }, { onSuccess: () => setTab('versions') })}
          >
            Freeze as version {next}
          </Button>
        </Group>
      </Group>
      {freeze.error && <ErrorAlert title="Could not freeze" error={freeze.error} />}
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List mb="md">
          <Tabs.Tab value="scenarios">Scenarios ({formatCount(set.scenarios.length)})</Tabs.Tab>
          <Tabs.Tab value="generate">Generate</Tabs.Tab>
          <Tabs.Tab value="import">Import</Tabs.Tab>
          <Tabs.Tab value="versions">Versions ({set.versions.length})</Tabs.Tab>
          <Tabs.Tab value="leakage">Leakage check</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="scenarios">
          <ScenarioTable set={set} pack={pack} />
        </Tabs.Panel>
        <Tabs.Panel value="generate">
          <GeneratePanel setId={set.id} pack={pack} />
        </Tabs.Panel>
        <Tabs.Panel value="import">
          <ImportPanel setId={set.id} />
        </Tabs.Panel>
        <Tabs.Panel value="versions">
          <VersionsPanel set={set} />
        </Tabs.Panel>
        <Tabs.Panel value="leakage">
          <LeakagePanel key={set.versions.length} set={set} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function VersionsPanel({ set }: { set: EvalSetView }) {
  return (
    <Section label="Versions">
      <Title order={3} size="h4">
        Versions
      </Title>
      <Text size="sm" c="dimmed" maw={640}>
        A run uses a frozen version, so later edits to the draft never change what a finished run was tested on. The hash identifies the
        exact scenarios.
      </Text>
      {set.versions.length === 0 ? (
        <Text size="sm" c="dimmed">
          No version yet. {set.scenarios.length === 0 ? 'Add scenarios, then freeze them.' : 'Freeze the draft to run an evaluation on it.'}
        </Text>
      ) : (
        <Table aria-label="Set versions" highlightOnHover verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Version</Table.Th>
              <Table.Th scope="col">Frozen</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                Scenarios
              </Table.Th>
              <Table.Th scope="col">Content hash</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...set.versions].reverse().map((v) => (
              <Table.Tr key={v.id}>
                <Table.Th scope="row">v{v.version}</Table.Th>
                <Table.Td>{formatWhen(v.createdAt)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{formatCount(v.scenarios)}</Table.Td>
                <Table.Td>
                  <Text ff="monospace" size="sm" title={v.contentHash}>
                    {shortHash(v.contentHash)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Anchor href={href('evaluate', `new:${v.id}`)} size="sm" aria-label={`New run on version ${v.version}`}>
                    New run
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

function ScenarioTable({ set, pack }: { set: EvalSetView; pack: DomainPack }) {
  const { removeScenario } = useEvalSetActions();
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<EvalScenario | 'new' | null>(null);
  const [removing, setRemoving] = useState<EvalScenario | null>(null);
  const page = set.scenarios.slice(offset, offset + PAGE);
  return (
    <Section label="Scenarios">
      <Group justify="space-between">
        <Title order={3} size="h4">
          Scenarios ({formatCount(set.scenarios.length)})
        </Title>
        <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
          Add a scenario
        </Button>
      </Group>
      {set.scenarios.length === 0 ? (
        <EmptyState
          icon={<IconUsers aria-hidden />}
          withIndicatorBackground
          title="No scenarios yet"
          description="Generate a stratified set or import a JSON or CSV file (see the tabs above), or add a scenario by hand."
        />
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label="Scenarios" striped verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Title</Table.Th>
                  <Table.Th scope="col">Style</Table.Th>
                  <Table.Th scope="col">Risk</Table.Th>
                  <Table.Th scope="col">Distortions</Table.Th>
                  <Table.Th scope="col">Source</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {s.title}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={2} maw={420}>
                        {s.intake}
                      </Text>
                    </Table.Td>
                    <Table.Td>{labelOf(pack.styles, s.style)}</Table.Td>
                    <Table.Td>{labelOf(pack.riskLevels, s.riskLevel)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {s.cognitiveModel.distortions.map((d) => (
                          <Badge key={d} color="grape">
                            {labelOf(pack.distortions, d)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{sourceLabel[s.source]}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Tooltip label="Edit">
                          <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${s.title}`} onClick={() => setEditing(s)}>
                            <IconPencil size={18} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label="Remove">
                          <ActionIcon variant="subtle" color="red" aria-label={`Remove ${s.title}`} onClick={() => setRemoving(s)}>
                            <IconTrash size={18} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager offset={offset} limit={PAGE} total={set.scenarios.length} onChange={setOffset} label="Scenario pages" />
        </>
      )}
      <Text size="sm" c="dimmed">
        Edits change the draft only; frozen versions and the runs on them keep their scenarios. Distortions and styles come from the domain
        pack, which you can edit in <Anchor href={href('generate')}>Generate</Anchor>.
      </Text>
      <ScenarioEditor
        setId={set.id}
        pack={pack}
        scenario={editing === 'new' ? null : editing}
        opened={editing !== null}
        onClose={() => setEditing(null)}
      />
      <ConfirmModal
        opened={removing !== null}
        title="Remove this scenario?"
        confirmLabel="Remove the scenario"
        onClose={() => {
          setRemoving(null);
          removeScenario.reset();
        }}
        onConfirm={() =>
          removing && removeScenario.mutate({ setId: set.id, scenarioId: removing.id }, { onSuccess: () => setRemoving(null) })
        }
        busy={removeScenario.isPending}
        error={removeScenario.error}
      >
        {`“${removing?.title ?? ''}” leaves the draft. Frozen versions that hold it keep it.`}
      </ConfirmModal>
    </Section>
  );
}
