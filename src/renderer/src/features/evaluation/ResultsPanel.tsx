import { Alert, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { EvalRunView } from '../../../../shared/api/evaluation';
import { formatCount } from '../../lib/format';
import { QueryView } from '../../ui/QueryView';
import { ResultCharts } from './ResultCharts';
import { Findings } from './Findings';
import { ReliabilityTable } from './ReliabilityTable';
import { ComparisonsTable, CtrsTable, SafetyTable, WriteUpTable } from './ResultTables';
import { useEvalResults } from './useEvaluation';

/** The statistics of a scored run: the write-up's table, the paired comparisons, the safety gate, CTRS, the judge's reliability, and the charts. */
export function ResultsPanel({ run }: { run: EvalRunView }) {
  const results = useEvalResults(run, true);
  return (
    <QueryView query={results} loading="Computing the statistics (bootstrap intervals and paired tests)…">
      {(r) => (
        <Stack gap="xl">
          {(run.judgments.missing > 0 || run.conversations.failed > 0) && (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Some scores are missing" role="status">
              <Text size="sm">
                {run.conversations.failed > 0
                  ? `${formatCount(run.conversations.failed)} conversation${run.conversations.failed === 1 ? '' : 's'} failed; the tables below count them as missing. `
                  : ''}
                {run.judgments.missing > 0
                  ? `${formatCount(run.judgments.missing)} judgment${run.judgments.missing === 1 ? '' : 's'} gave no score: the unreadable ones count as missing below, those where the judge could judge no criterion as “cannot judge”. `
                  : ''}
                Nothing is ever counted as 0.
              </Text>
            </Alert>
          )}
          <Findings results={r} />
          <WriteUpTable results={r} />
          <ComparisonsTable results={r} />
          <SafetyTable results={r} />
          {r.ctrs && <CtrsTable ctrs={r.ctrs} models={r.models} />}
          <ReliabilityTable results={r} />
          <ResultCharts results={r} fileStem={run.spec.name} />
        </Stack>
      )}
    </QueryView>
  );
}
