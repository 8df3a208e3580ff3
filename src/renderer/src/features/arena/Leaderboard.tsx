import { Anchor, EmptyState, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconTrophy } from '@tabler/icons-react';
import { CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { BarWithErrorBar, BarWithErrorBarsController } from 'chartjs-chart-error-bars';
import { useCallback, useMemo } from 'react';
import type { Leaderboard as LeaderboardData, LeaderboardRow } from '../../../../shared/api/arena';
import { formatCount } from '../../lib/format';
import { href } from '../../lib/router';
import { QueryView } from '../../ui/QueryView';
import { ChartFrame, whiteBackground } from '../evaluate/charts/ChartFrame';
import { formatPercent, modelColor } from '../evaluate/evalFormat';
import { Section } from '../generate/RunSettings';
import { JudgeVotes } from './JudgeVotes';
import { useLeaderboard } from './useArena';

Chart.register(BarWithErrorBarsController, BarWithErrorBar, CategoryScale, LinearScale, Tooltip);

const rating = (n: number | null) => (n === null ? '—' : String(Math.round(n)));
const interval = (r: LeaderboardRow) => (r.ratingCi ? `${rating(r.ratingCi.low)} – ${rating(r.ratingCi.high)}` : '—');

/** Blind votes as standings: win rates and Bradley–Terry ratings with bootstrap intervals. */
export function Leaderboard() {
  const board = useLeaderboard();
  return (
    <Section label="Leaderboard">
      <Title order={2} size="h3">
        Leaderboard
      </Title>
      <QueryView query={board} loading="Counting the votes…">
        {(data) =>
          data.votes === 0 ? (
            <EmptyState
              icon={<IconTrophy aria-hidden />}
              withIndicatorBackground
              title="No votes yet"
              description="Start a blind comparison, ask both models the same thing and vote for the better answer. Every vote counts here."
            />
          ) : (
            <Board data={data} />
          )
        }
      </QueryView>
    </Section>
  );
}

function Board({ data }: { data: LeaderboardData }) {
  const { judgeAgreement: judge } = data;
  return (
    <Stack gap="md">
      <Group gap="xl">
        <Text aria-label="Votes">
          <Text span fw={700}>
            {formatCount(data.votes)}
          </Text>{' '}
          vote{data.votes === 1 ? '' : 's'}
        </Text>
        <Text aria-label="Judge agreement">
          Judge agreement:{' '}
          {judge.rate === null ? (
            <Text span c="dimmed">
              {judge.note ?? 'not measured yet'}
            </Text>
          ) : (
            <>
              <Text span fw={700}>
                {formatPercent(judge.rate)}
              </Text>{' '}
              ({judge.agree} of {judge.pairs} decisive votes where both answers were judged)
            </>
          )}
        </Text>
      </Group>
      <JudgeVotes />
      <Table.ScrollContainer minWidth={760}>
        <Table aria-label="Leaderboard" striped highlightOnHover withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">#</Table.Th>
              <Table.Th scope="col">Model</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                Rating
              </Table.Th>
              <Table.Th scope="col">95% interval</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                Battles
              </Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                Wins
              </Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                Losses
              </Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                Ties
              </Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                Both bad
              </Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                Win rate
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((r, i) => (
              <Table.Tr key={r.model}>
                <Table.Td>{i + 1}</Table.Td>
                <Table.Th scope="row" fw={500} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {r.model}
                </Table.Th>
                <Table.Td style={{ textAlign: 'right' }} fw={700}>
                  {rating(r.rating)}
                </Table.Td>
                <Table.Td>{interval(r)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{formatCount(r.battles)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{formatCount(r.wins)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{formatCount(r.losses)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{formatCount(r.ties)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{formatCount(r.bothBad)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{formatPercent(r.winRate)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" c="dimmed" maw={820}>
        Rating: Bradley–Terry strength on an Elo-like scale (1000 is average), with a 95% interval from {formatCount(data.bootstrap.resamples)} bootstrap resamples of the votes. Win rate: wins plus
        half the ties, over the battles someone won or tied; “both bad” counts for neither side. Overlapping intervals mean the votes do not yet tell the models apart.
      </Text>
      {data.rows.some((r) => r.rating !== null) && <RatingChart rows={data.rows} />}
      <Text size="sm">
        <Anchor href={href('arena')}>Start another blind comparison</Anchor> to add votes.
      </Text>
    </Stack>
  );
}

/** One horizontal bar per model at its rating, with the interval as an error bar. */
function RatingChart({ rows }: { rows: LeaderboardRow[] }) {
  const rated = useMemo(() => rows.filter((r) => r.rating !== null), [rows]);
  const create = useCallback(
    (canvas: HTMLCanvasElement) => {
      const lows = rated.map((r) => r.ratingCi?.low ?? r.rating!);
      const highs = rated.map((r) => r.ratingCi?.high ?? r.rating!);
      const min = Math.floor((Math.min(...lows, 1000) - 50) / 50) * 50;
      const max = Math.ceil((Math.max(...highs, 1000) + 50) / 50) * 50;
      return new Chart<'barWithErrorBars'>(canvas, {
        type: 'barWithErrorBars',
        data: {
          labels: rated.map((r) => r.model),
          datasets: [
            {
              label: 'Rating',
              backgroundColor: rated.map((_, i) => `${modelColor(i)}b3`),
              borderColor: rated.map((_, i) => modelColor(i)),
              borderWidth: 1,
              errorBarColor: '#222',
              errorBarWhiskerColor: '#222',
              errorBarLineWidth: 1.5,
              errorBarWhiskerSize: 12,
              base: min,
              data: rated.map((r, i) => ({ x: r.rating!, xMin: lows[i]!, xMax: highs[i]! })),
            },
          ],
        },
        options: {
          indexAxis: 'y',
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { label: (item) => `${rating(rated[item.dataIndex]?.rating ?? null)} (95% interval ${interval(rated[item.dataIndex]!)})` } },
          },
          scales: {
            x: { min, max, title: { display: true, text: 'Bradley–Terry rating (1000 = average)' } },
            y: { grid: { display: false } },
          },
        },
        plugins: [whiteBackground],
      });
    },
    [rated],
  );
  const summary = `Ratings with 95% intervals: ${rated.map((r) => `${r.model} ${rating(r.rating)} (${interval(r)})`).join('; ')}.`;
  return (
    <ChartFrame
      title="Ratings with their 95% intervals"
      summary={summary}
      create={create}
      height={Math.max(140, rated.length * 56 + 70)}
      fileName="arena-leaderboard.png"
      note="Bars end at each model's rating; the lines show its 95% bootstrap interval."
      table={{
        caption: 'Ratings: data',
        head: ['Model', 'Rating', '95% interval', 'Battles', 'Win rate'],
        rows: rated.map((r) => [r.model, rating(r.rating), interval(r), formatCount(r.battles), formatPercent(r.winRate)]),
      }}
    />
  );
}
