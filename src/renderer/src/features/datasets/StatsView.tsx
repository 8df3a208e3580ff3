import { Alert, Badge, List, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconShieldLock } from '@tabler/icons-react';
import type { DatasetStats } from '../../../../shared/api/datasets';
import { formatCount } from '../../lib/format';
import { href } from '../../lib/router';
import { Histogram } from './Histogram';

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Paper p="sm" withBorder role="group" aria-label={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Paper>
  );
}

/** What a dataset holds: counts, the real/synthetic share, length distributions, labels, and warnings. */
export function StatsView({ stats, label }: { stats: DatasetStats; label: string }) {
  const realShare = stats.examples ? stats.bySource.real / stats.examples : 0;
  return (
    <Stack gap="md" component="section" aria-label={label}>
      {stats.shortfall && (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />} title="Fewer examples than asked for">
          {stats.shortfall}
        </Alert>
      )}
      {stats.withheldForDetails && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconShieldLock aria-hidden />}
          title={`${formatCount(stats.withheldForDetails.count)} session${stats.withheldForDetails.count === 1 ? '' : 's'} left out: personal details await review`}
        >
          <Text size="sm">
            The filters let {stats.withheldForDetails.count === 1 ? 'it' : 'them'} in, but a session whose detected names, places or numbers
            nobody has reviewed never enters a dataset. <a href={href('privacy')}>Review them in Personal details</a>, then freeze again to
            include {stats.withheldForDetails.count === 1 ? 'it' : 'them'}.
          </Text>
          <List size="sm" mt={4}>
            {stats.withheldForDetails.sessionIds.slice(0, 8).map((id, i) => (
              <List.Item key={id}>
                <a href={href('library', id)}>Left-out session {i + 1}</a>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {stats.leakage.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={`${stats.leakage.length} near-duplicate pair${stats.leakage.length === 1 ? '' : 's'} across the split`}
        >
          <Text size="sm">
            Validation loss looks better than it is when the same conversation sits on both sides. Remove or reject one of each pair in the
            Library, or change the seed.
          </Text>
          <List size="sm" mt={4}>
            {stats.leakage.slice(0, 8).map((p) => (
              <List.Item key={`${p.a.sessionId}-${p.b.sessionId}`}>
                <a href={href('library', p.a.sessionId)}>{p.a.title}</a> ({p.a.split}) and{' '}
                <a href={href('library', p.b.sessionId)}>{p.b.title}</a> ({p.b.split}): {Math.round(p.similarity * 100)}% alike
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Figure
          label="Examples"
          value={formatCount(stats.examples)}
          detail={`${formatCount(stats.train)} train · ${formatCount(stats.validation)} validation`}
        />
        <Figure label="Real" value={formatCount(stats.bySource.real)} detail={`${Math.round(realShare * 100)}% of the examples`} />
        <Figure
          label="Synthetic"
          value={formatCount(stats.bySource.synthetic)}
          detail={`${Math.round((1 - realShare) * 100)}% of the examples`}
        />
        <Figure
          label="Tokens"
          value={formatCount(stats.tokens.total)}
          detail={`mean ${formatCount(Math.round(stats.tokens.mean))} · longest ${formatCount(stats.tokens.max)}`}
        />
      </SimpleGrid>
      {stats.examples > 0 && (
        <Progress.Root size="lg" aria-label={`Real ${Math.round(realShare * 100)}%, synthetic ${Math.round((1 - realShare) * 100)}%`}>
          <Progress.Section value={realShare * 100} color="sea">
            <Progress.Label>Real</Progress.Label>
          </Progress.Section>
          <Progress.Section value={(1 - realShare) * 100} color="grape">
            <Progress.Label>Synthetic</Progress.Label>
          </Progress.Section>
        </Progress.Root>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Histogram data={stats.turnsHistogram} label="Turns per example" unit="turns" />
        <Histogram data={stats.tokensHistogram} label="Tokens per example" unit="tokens" />
      </SimpleGrid>
      <Stack gap={4}>
        <Title order={3} size="h5">
          Label coverage
        </Title>
        {stats.labels.length === 0 ? (
          <Text size="sm" c="dimmed">
            No taxonomy labels: real transcripts carry none until they are tagged; synthetic sessions carry the distortions they were
            written for.
          </Text>
        ) : (
          <Table aria-label="Label coverage" verticalSpacing={2} maw={480}>
            <Table.Tbody>
              {stats.labels.map((l) => (
                <Table.Tr key={l.label}>
                  <Table.Td>
                    <Badge variant="light">{l.label.replace(/-/g, ' ')}</Badge>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{formatCount(l.count)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Stack>
  );
}
