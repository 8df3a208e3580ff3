import { Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FollowJob } from '../jobs/FollowJob';
import { RunSettings, useRunSettings } from '../models/RunSettings';

/** Has a judge score both answers of every voted comparison, so the leaderboard can compare it with the people's votes. */
export function JudgeVotes() {
  const api = useApi();
  const [run, setRun] = useRunSettings('judge');
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => api.arena.judgeVotes({ providerId: run.providerId!, model: run.model.trim() }),
    onSuccess: (job) => setJobId(job.id),
  });
  return (
    <Stack gap="xs" component="section" aria-label="Judge the voted comparisons">
      <Text size="sm" c="dimmed">
        A judge model scores both answers of each voted comparison on the empathy and relevance rubric; agreement is how often it prefers
        the answer people preferred.
      </Text>
      <RunSettings label="Judge" seed={false} value={run} onChange={setRun} />
      <Button
        variant="default"
        style={{ alignSelf: 'flex-start' }}
        disabled={!run.providerId || !run.model.trim()}
        loading={start.isPending}
        onClick={() => start.mutate()}
      >
        Judge the voted comparisons
      </Button>
      {start.error && <ErrorAlert error={start.error} />}
      <FollowJob jobId={jobId} />
    </Stack>
  );
}
