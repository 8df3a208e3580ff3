import { Badge, EmptyState, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { useState } from 'react';
import type { CallRecord, CallStatus, CallTotals } from '../../../../shared/domain/call';
import { formatCount, formatMs, formatUsd, formatWhen } from '../../lib/format';
import { PageHeader } from '../../ui/PageHeader';
import { Pager } from '../../ui/Pager';
import { QueryView } from '../../ui/QueryView';
import { CALLS_PAGE_SIZE, useCallTotals, useCalls, useCallsByPurpose } from './useCalls';
import { stepName } from '../../../../shared/domain/callPurpose';

export function CallsScreen() {
  const [offset, setOffset] = useState(0);
  const [status, setStatus] = useState<CallStatus | null>(null);
  const calls = useCalls(offset, status);
  const totals = useCallTotals();
  const steps = useCallsByPurpose();
  return (
    <Stack gap="lg">
      <PageHeader
        title="Calls"
        description="Every model call this project made: what it was for, the tokens it used, how long it took and what it cost."
      />
      <QueryView query={totals} loading="Adding up…">
        {(t) => <Totals totals={t} />}
      </QueryView>
      <QueryView query={steps} loading="Adding up each step…">
        {(rows) => (rows.length > 0 ? <CostBySteps rows={rows} /> : null)}
      </QueryView>
      <Group justify="space-between">
        <SegmentedControl
          aria-label="Show calls"
          value={status ?? 'all'}
          onChange={(v) => {
            setOffset(0);
            setStatus(v === 'all' ? null : (v as CallStatus));
          }}
          data={[
            { value: 'all', label: 'All' },
            { value: 'ok', label: 'Succeeded' },
            { value: 'error', label: 'Errors' },
            { value: 'cancelled', label: 'Cancelled' },
          ]}
        />
      </Group>
      <QueryView query={calls} loading="Loading calls…">
        {(page) =>
          page.total === 0 ? (
            <Paper>
              <EmptyState
                icon={<IconReceipt aria-hidden />}
                withIndicatorBackground
                title={status ? 'No calls with this status' : 'No calls yet'}
                description="Each model call leaves one row here. Test a provider's connection or run a speed test under Settings to see the first ones."
              />
            </Paper>
          ) : (
            <Paper p={0}>
              <CallTable rows={page.rows} />
              <Pager label="Call pages" offset={offset} limit={CALLS_PAGE_SIZE} total={page.total} onChange={setOffset} />
            </Paper>
          )
        }
      </QueryView>
    </Stack>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Paper p="md" role="group" aria-label={label}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Paper>
  );
}

function Totals({ totals }: { totals: CallTotals }) {
  return (
    <SimpleGrid cols={{ base: 2, md: 5 }} spacing="md" aria-label="Call totals">
      <Stat label="Calls" value={formatCount(totals.count)} />
      <Stat label="Errors" value={formatCount(totals.errors)} />
      <Stat label="Tokens in" value={formatCount(totals.tokensIn)} />
      <Stat label="Tokens out" value={formatCount(totals.tokensOut)} />
      <Stat label="Estimated cost" value={formatUsd(totals.costUsd)} />
    </SimpleGrid>
  );
}

function CostBySteps({ rows }: { rows: (CallTotals & { purpose: string })[] }) {
  return (
    <Paper p={0}>
      <Table aria-label="Cost by step" horizontalSpacing="sm" striped>
        <Table.Caption>What each step cost, in the order the steps first ran.</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Step</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Calls</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Errors</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Tokens in</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Tokens out</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Cost</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.purpose}>
              <Table.Th scope="row" fw={500}>
                {stepName(r.purpose)}
              </Table.Th>
              <Table.Td style={{ textAlign: 'right' }}>{formatCount(r.count)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatCount(r.errors)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatCount(r.tokensIn)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatCount(r.tokensOut)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatUsd(r.costUsd)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

const statusBadge: Record<CallStatus, { label: string; color: string }> = {
  ok: { label: 'OK', color: 'green' },
  error: { label: 'Error', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

function CallTable({ rows }: { rows: CallRecord[] }) {
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table aria-label="Calls" striped horizontalSpacing="sm" style={{ whiteSpace: 'nowrap' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Provider</Table.Th>
            <Table.Th>Model</Table.Th>
            <Table.Th>Purpose</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Tokens in</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Out</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Cached</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Latency</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Cost</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Text size="sm">{formatWhen(c.at, { seconds: true })}</Text>
              </Table.Td>
              <Table.Td>{c.providerName}</Table.Td>
              <Table.Td>
                <Text ff="monospace" size="sm">
                  {c.model}
                </Text>
              </Table.Td>
              <Table.Td title={c.purpose}>{stepName(c.purpose)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatCount(c.tokensIn)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatCount(c.tokensOut)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatCount(c.tokensCached)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatMs(c.latencyMs)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatUsd(c.costUsd)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'normal' }}>
                <CallStatusCell call={c} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CallStatusCell({ call }: { call: CallRecord }) {
  const s = statusBadge[call.status];
  if (call.status === 'ok') return <Badge color={s.color}>{s.label}</Badge>;
  return (
    <Stack gap={2}>
      <Group gap={6}>
        <Badge color={s.color}>{s.label}</Badge>
        {call.errorClass && (
          <Text size="xs" c="dimmed">
            {call.errorClass.replace(/_/g, ' ')}
          </Text>
        )}
      </Group>
      {call.errorMessage && (
        <Tooltip label={call.errorMessage} multiline w={360} disabled={call.errorMessage.length < 80}>
          <Text size="xs" lineClamp={2} maw={320}>
            {call.errorMessage}
          </Text>
        </Tooltip>
      )}
    </Stack>
  );
}
