import { Alert, Stack, Text } from '@mantine/core';
import { IconCoin } from '@tabler/icons-react';
import type { GenerationEstimate } from '../../../shared/api/generation';
import { formatCount, formatUsd } from '../lib/format';

/** What a run will take, said before it starts. */
export function EstimateView({ estimate, label }: { estimate: GenerationEstimate; label: string }) {
  return (
    <Alert color="blue" variant="light" icon={<IconCoin aria-hidden />} title={label} role="status" aria-label={label}>
      <Stack gap={4}>
        <Text size="sm">
          {formatCount(estimate.calls)} calls · {formatCount(estimate.tokensIn)} tokens in · {formatCount(estimate.tokensOut)} tokens out ·
          cost{' '}
          {estimate.costUsd === null ? 'unknown (no price for this model in Settings > Models)' : `about ${formatUsd(estimate.costUsd)}`} ·
          time {estimate.seconds === null ? 'unknown (run a speed test to measure)' : `about ${formatSeconds(estimate.seconds)}`}
        </Text>
        <Text size="xs" c="dimmed">
          {estimate.basis}
        </Text>
      </Stack>
    </Alert>
  );
}

function formatSeconds(s: number): string {
  if (s < 90) return `${Math.max(1, Math.round(s))} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}
