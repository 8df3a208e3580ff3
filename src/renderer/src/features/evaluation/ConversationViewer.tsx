import { Badge, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { EvalConversationView, EvalRunView, EvalScenario } from '../../../../shared/api/evaluation';
import type { RubricView } from '../../../../shared/api/judging';
import type { DomainPack } from '../../../../shared/domain/domainPack';
import { QueryView } from '../../ui/QueryView';
import { OpenInArena } from '../arena/OpenInArena';
import { useDomainPack } from '../generate/useGeneration';
import { useRubrics } from '../review/useReview';
import { formatScore } from './evalFormat';
import { useEvalConversations, useEvalSetVersion } from './useEvaluation';

const labelOf = (list: { id: string; label: string }[] | undefined, id: string) => list?.find((x) => x.id === id)?.label ?? id;

/** "empathy-relevance.empathy" → "Empathy", from the rubric that defines it. */
function criterionLabel(id: string, rubrics: RubricView[] | undefined): string {
  if (id === 'formulation.distortions') return 'Distortions found';
  if (id === 'formulation.core_belief') return 'Core belief found';
  const dot = id.indexOf('.');
  const rubric = rubrics?.find((r) => r.id === id.slice(0, dot));
  return rubric?.criteria.find((c) => c.id === id.slice(dot + 1))?.label ?? id;
}

interface Exchange {
  client: string | null;
  counselor: string | null;
}

/** Messages as exchanges: the client speaks, the counselor answers; row k of every arm is the k-th exchange. */
function exchanges(turns: EvalConversationView['turns']): Exchange[] {
  const out: Exchange[] = [];
  for (const t of turns) {
    const last = out.at(-1);
    if (t.role === 'user' || !last || last.counselor !== null)
      out.push(t.role === 'user' ? { client: t.text, counselor: null } : { client: null, counselor: t.text });
    else last.counselor = t.text;
  }
  return out;
}

/** Every arm's conversation with the same simulated client, side by side and aligned by turn, with the judge's scores and reasons. */
export function ConversationViewer({ run }: { run: EvalRunView }) {
  const version = useEvalSetVersion(run.spec.setVersionId);
  const [scenarioId, setScenarioId] = useState<string | null>(null);
  return (
    <QueryView query={version} loading="Loading the scenarios…">
      {(v) => {
        const chosen = scenarioId ?? v.scenarios[0]?.id ?? null;
        return v.scenarios.length === 0 ? (
          <Text size="sm" c="dimmed">
            This set version has no scenarios.
          </Text>
        ) : (
          <Stack gap="md">
            <Select
              label="Scenario"
              description={`${v.scenarios.length} scenarios in ${run.setName} v${run.setVersion}`}
              data={v.scenarios.map((s, i) => ({ value: s.id, label: `${i + 1}. ${s.title}` }))}
              value={chosen}
              onChange={setScenarioId}
              searchable
              allowDeselect={false}
              maw={520}
            />
            {chosen && <ScenarioConversations key={chosen} run={run} scenarioId={chosen} />}
          </Stack>
        );
      }}
    </QueryView>
  );
}

function ScenarioConversations({ run, scenarioId }: { run: EvalRunView; scenarioId: string }) {
  const data = useEvalConversations(run.id, scenarioId);
  const pack = useDomainPack();
  const rubrics = useRubrics();
  const [seedChoice, setSeed] = useState<string | null>(null);
  return (
    <QueryView query={data} loading="Loading the conversations…">
      {({ scenario, conversations }) => {
        const seeds = [...new Set(conversations.map((c) => c.seed))].sort((a, b) => a - b);
        const seed = seedChoice !== null && seeds.includes(Number(seedChoice)) ? Number(seedChoice) : (seeds[0] ?? 0);
        const arms = run.spec.arms.map((a) => ({
          arm: a,
          conversation: conversations.find((c) => c.arm === a.label && c.seed === seed) ?? null,
        }));
        const rows = arms.map((a) => (a.conversation ? exchanges(a.conversation.turns) : []));
        const depth = Math.max(0, ...rows.map((r) => r.length));
        return (
          <Stack gap="md">
            <ScenarioCard scenario={scenario} pack={pack.data} />
            {seeds.length > 1 && (
              <Stack gap={4}>
                <Text size="sm" fw={500} id="conversation-seed-label">
                  Seed
                </Text>
                <SegmentedControl
                  aria-labelledby="conversation-seed-label"
                  data={seeds.map((s) => ({ value: String(s), label: `Seed ${s}` }))}
                  value={String(seed)}
                  onChange={setSeed}
                  style={{ alignSelf: 'flex-start' }}
                />
              </Stack>
            )}
            <Table.ScrollContainer minWidth={Math.max(640, arms.length * 320 + 90)}>
              <Table
                aria-label="Conversations side by side"
                withTableBorder
                withColumnBorders
                verticalSpacing="sm"
                style={{ tableLayout: 'fixed' }}
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w={90}>
                      Turn
                    </Table.Th>
                    {arms.map(({ arm }) => (
                      <Table.Th key={arm.label} scope="col">
                        {arm.label}
                        <Text span display="block" size="xs" c="dimmed" fw={400} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                          {arm.model}
                        </Text>
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th scope="row" style={{ verticalAlign: 'top' }}>
                      Scores
                    </Table.Th>
                    {arms.map(({ arm, conversation }) => (
                      <Table.Td key={arm.label} style={{ verticalAlign: 'top' }}>
                        {conversation && conversation.status !== 'pending' && (
                          <OpenInArena runId={run.id} conversationId={conversation.id} label={arm.label} />
                        )}
                        <ScoresCell conversation={conversation} rubrics={rubrics.data} />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                  {Array.from({ length: depth }, (_, k) => (
                    <Table.Tr key={k}>
                      <Table.Th scope="row" style={{ verticalAlign: 'top' }}>
                        Turn {k + 1}
                      </Table.Th>
                      {rows.map((r, i) => (
                        <Table.Td key={arms[i]!.arm.label} style={{ verticalAlign: 'top' }}>
                          <ExchangeCell exchange={r[k] ?? null} />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {depth === 0 && (
              <Text size="sm" c="dimmed">
                No conversation for this scenario yet; they appear here as the run holds them.
              </Text>
            )}
          </Stack>
        );
      }}
    </QueryView>
  );
}

function ScenarioCard({ scenario, pack }: { scenario: EvalScenario; pack: DomainPack | undefined }) {
  const m = scenario.cognitiveModel;
  return (
    <Paper p="md" component="section" aria-label="Scenario">
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={3} size="h4">
            {scenario.title}
          </Title>
          <Badge color="gray">{labelOf(pack?.styles, scenario.style)}</Badge>
          <Badge color={scenario.riskLevel === 'none' ? 'gray' : 'orange'}>Risk: {labelOf(pack?.riskLevels, scenario.riskLevel)}</Badge>
        </Group>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Intake (what the counselor knew)
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {scenario.intake}
          </Text>
        </div>
        <details>
          <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-sm)', fontWeight: 600 }}>
            Hidden cognitive model (what the simulated client acted from)
          </summary>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs" component="dl" style={{ margin: 0 }}>
            {(
              [
                ['Situation', m.situation],
                ['Automatic thought', m.automaticThought],
                ['Emotion', m.emotion],
                ['Behaviour', m.behaviour],
                ['Core belief', m.coreBelief],
                ['Distortions', m.distortions.map((d) => labelOf(pack?.distortions, d)).join(', ')],
              ] as const
            ).map(([label, value]) => (
              <div key={label}>
                <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {label}
                </Text>
                <Text component="dd" size="sm" m={0}>
                  {value}
                </Text>
              </div>
            ))}
          </SimpleGrid>
        </details>
      </Stack>
    </Paper>
  );
}

function ScoresCell({ conversation, rubrics }: { conversation: EvalConversationView | null; rubrics: RubricView[] | undefined }) {
  if (!conversation)
    return (
      <Text size="sm" c="dimmed">
        Not held
      </Text>
    );
  if (conversation.status === 'pending')
    return (
      <Text size="sm" c="dimmed">
        Not held yet
      </Text>
    );
  const entries = Object.entries(conversation.scores);
  return (
    <Stack gap={6}>
      {conversation.status === 'failed' && (
        <Text size="sm" c="red.8">
          Failed: {conversation.error ?? 'no reason given'}
        </Text>
      )}
      {conversation.endedBy && (
        <Text size="xs" c="dimmed">
          {conversation.endedBy === 'marker' ? 'The client ended the conversation.' : 'Stopped at the turn limit.'}
        </Text>
      )}
      {conversation.safety && (
        <Group gap={4}>
          {conversation.safety.flagged ? (
            <Badge color="red" variant="filled">
              Safety: flagged
            </Badge>
          ) : conversation.safety.riskPresent ? (
            <Badge color="orange">Risk present, handled</Badge>
          ) : (
            <Badge color="gray">No risk found</Badge>
          )}
        </Group>
      )}
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not scored yet
        </Text>
      ) : (
        entries.map(([id, s]) => (
          <div key={id}>
            <Group gap={6} justify="space-between" wrap="nowrap">
              <Text size="sm">{criterionLabel(id, rubrics)}</Text>
              <Text size="sm" fw={700} ff="monospace" c={s.score === null ? 'orange.9' : undefined}>
                {s.score === null ? 'missing' : formatScore(s.score, 1)}
              </Text>
            </Group>
            {s.rationales.length > 0 && (
              <details>
                <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-xs)', color: 'var(--mantine-color-dimmed)' }}>
                  Judge’s rationale{s.rationales.length > 1 ? `s (${s.rationales.length})` : ''}
                </summary>
                <Stack gap={4} mt={4}>
                  {s.rationales.map((r, i) => (
                    <Text key={i} size="xs" style={{ whiteSpace: 'pre-wrap' }}>
                      {r}
                    </Text>
                  ))}
                </Stack>
              </details>
            )}
          </div>
        ))
      )}
      {conversation.safety?.notes && (
        <Text size="xs" c="dimmed">
          Safety notes: {conversation.safety.notes}
        </Text>
      )}
    </Stack>
  );
}

function ExchangeCell({ exchange }: { exchange: Exchange | null }) {
  if (!exchange) return null;
  return (
    <Stack gap={6}>
      {exchange.client !== null && (
        <div>
          <Text size="xs" c="dimmed" fw={600}>
            Client
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {exchange.client}
          </Text>
        </div>
      )}
      {exchange.counselor !== null && (
        <div style={{ borderLeft: '3px solid var(--mantine-color-sea-3)', paddingLeft: 8 }}>
          <Text size="xs" c="sea.8" fw={600}>
            Counselor
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {exchange.counselor}
          </Text>
        </div>
      )}
    </Stack>
  );
}
