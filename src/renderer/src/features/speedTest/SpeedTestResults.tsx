import { Table, Text } from '@mantine/core';
import type { JobSummary } from '../../../../shared/domain/job';
import { formatCount, formatDecimal, formatMs, formatWhen } from '../../lib/format';
import { QueryView } from '../../ui/QueryView';
import { useJobs } from '../jobs/useJobs';
import { describeErrors, parseSpeedResult, type SpeedResult } from './speedResult';

interface Row {
  job: JobSummary;
  result: SpeedResult;
}

const paramText = (job: JobSummary, key: string) => {
  const v = job.params[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
};

/** The figures of finished speed tests, newest first. */
export function SpeedTestResults() {
  const jobs = useJobs();
  return (
    <QueryView query={jobs} loading="Loading results…">
      {(list) => {
        const rows: Row[] = list.flatMap((job) => {
          const result = job.kind === 'speedTest' && job.status === 'succeeded' ? parseSpeedResult(job.result) : null;
          return result ? [{ job, result }] : [];
        });
        if (rows.length === 0)
          return <Text c="dimmed">No finished speed tests yet. Start one above; its figures appear here when it finishes.</Text>;
        return (
          <Table.ScrollContainer minWidth={900}>
            <Table aria-label="Speed test results" striped horizontalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Finished</Table.Th>
                  <Table.Th miw={200}>Provider · model</Table.Th>
                  <Table.Th>OK / failed</Table.Th>
                  <Table.Th>Latency p50 · p90 · p99</Table.Th>
                  <Table.Th>First token</Table.Th>
                  <Table.Th>Tok/s per call</Table.Th>
                  <Table.Th>Total tok/s</Table.Th>
                  <Table.Th>Calls/min</Table.Th>
                  <Table.Th>Errors</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map(({ job, result }) => (
                  <Table.Tr key={job.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{job.finishedAt ? formatWhen(job.finishedAt) : '—'}</Table.Td>
                    <Table.Td>
                      {paramText(job, 'providerName')} · {paramText(job, 'model')}
                      <Text size="xs" c="dimmed">
                        {paramText(job, 'calls')} calls, {paramText(job, 'concurrency')} at once, {paramText(job, 'maxTokens')} max tokens
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {formatCount(result.succeeded)} / {formatCount(result.failed)}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatMs(result.latencyMs?.p50)} · {formatMs(result.latencyMs?.p90)} · {formatMs(result.latencyMs?.p99)}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMs(result.ttftMsP50)}</Table.Td>
                    <Table.Td>{formatDecimal(result.tokensPerSecondPerCall)}</Table.Td>
                    <Table.Td>{formatDecimal(result.throughputTokensPerSecond)}</Table.Td>
                    <Table.Td>{formatDecimal(result.callsPerMinute)}</Table.Td>
                    <Table.Td>{describeErrors(result.errors)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        );
      }}
    </QueryView>
  );
}
