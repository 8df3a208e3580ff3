import { SimpleGrid, Stack, Text } from '@mantine/core';
import { formatDecimal, formatMs } from '../../lib/format';
import { describeErrors, type SpeedResult } from './speedResult';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </Stack>
  );
}

/** A finished speed test's figures, for the jobs panel. */
export function SpeedTestFigures({ result }: { result: SpeedResult }) {
  const l = result.latencyMs;
  return (
    <SimpleGrid cols={4} spacing="sm" verticalSpacing="xs" aria-label="Speed test figures">
      <Figure label="Latency p50" value={formatMs(l?.p50)} />
      <Figure label="p90" value={formatMs(l?.p90)} />
      <Figure label="p99" value={formatMs(l?.p99)} />
      <Figure label="First token p50" value={formatMs(result.ttftMsP50)} />
      <Figure label="Tokens/s per call" value={formatDecimal(result.tokensPerSecondPerCall)} />
      <Figure label="Total tokens/s" value={formatDecimal(result.throughputTokensPerSecond)} />
      <Figure label="Calls/min" value={formatDecimal(result.callsPerMinute)} />
      <Figure label="Errors" value={describeErrors(result.errors)} />
    </SimpleGrid>
  );
}
