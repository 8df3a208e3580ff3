import { Anchor, EmptyState, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconTrophy } from '@tabler/icons-react';
import { CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { BarWithErrorBar, BarWithErrorBarsController } from 'chartjs-chart-error-bars';
import { useCallback, useMemo } from 'react';
import type { Leaderboard as LeaderboardData, LeaderboardPair, LeaderboardRow } from '../../../../shared/api/arena';
import { formatCount } from '../../lib/format';
import { href } from '../../lib/router';
import { QueryView } from '../../ui/QueryView';
import { ChartFrame, whiteBackground } from '../evaluation/charts/ChartFrame';
import { formatPercent, modelColor } from '../evaluation/evalFormat';
import { Section } from '../../ui/Section';
import { JudgeVotes } from './JudgeVotes';
import { useLeaderboard } from './useArena';

Chart.register(BarWithErrorBarsController, BarWithErrorBar, CategoryScale, LinearScale, Tooltip);

const rating = (n: number | null) => (n === null ? '—' : String(Math.round(n)));
const TOO_FEW = 'too few votes';
const interval = (r: LeaderboardRow) =>
  r.tooFewVotes ? TOO_FEW : r.ratingCi ? `${rating(r.ratingCi.low)} – ${rating(r.ratingCi.high)}` : '—';
/** The axis spans at least 800–1200 around the average, so a gap of a few points does not fill the chart. */
const AXIS_FLOOR = 800;
const AXIS_CEILING = 1200;

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
                <Table.Th
                  scope="row"
                  fw={500}
                  style={{ overflowWrap: 'anywhere' }}
                  title={r.name && r.name !== r.model ? r.model : undefined}
                >
                  {r.name ?? r.model}
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
      {data.rows.some((r) => r.tooFewVotes) && (
        <Text size="sm" c="orange.9" maw={820}>
          Too few votes: some pairs of models have fewer than {data.minVotesPerPair ?? 10} decided votes, so their ratings are shown without
          an interval. A rating from a handful of votes can look decisive and is not.
        </Text>
      )}
      <Text size="sm" c="dimmed" maw={820}>
        Rating: Bradley–Terry strength on an Elo-like scale (1000 is average), with a 95% interval from{' '}
        {formatCount(data.bootstrap.resamples)} bootstrap resamples of the votes. Win rate: wins plus half the ties, over the battles
        someone won or tied; “both bad” counts for neither side. Overlapping intervals mean the votes do not yet tell the models apart.
      </Text>
      {data.rows.some((r) => r.rating !== null) && <RatingChart rows={data.rows} />}
      {(data.pairs?.length ?? 0) > 0 && <HeadToHead pairs={data.pairs!} min={data.minVotesPerPair ?? 10} />}
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
      const min = Math.min(AXIS_FLOOR, Math.floor((Math.min(...lows) - 50) / 100) * 100);
      const max = Math.max(AXIS_CEILING, Math.ceil((Math.max(...highs) + 50) / 100) * 100);
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
              errorBarLineWidth: 1.5,
              errorBarWhiskerSize: 12,
              errorBarWhiskerColor: rated.map((r) => (r.ratingCi ? '#222' : 'transparent')),
              // Bars grow from the average (1000), not from the axis edge, so their lengths mean something.
              base: 1000,
              // No error bar without an interval (too few votes): a zero-width one, drawn invisibly.
              data: rated.map((r) => ({ x: r.rating!, xMin: r.ratingCi?.low ?? r.rating!, xMax: r.ratingCi?.high ?? r.rating! })),
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
            tooltip: {
              callbacks: {
                label: (item) => `${rating(rated[item.dataIndex]?.rating ?? null)} (95% interval ${interval(rated[item.dataIndex]!)})`,
              },
            },
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
      note="Bars run from the average (1000) to each model's rating; the lines show its 95% bootstrap interval, left out where there are too few votes."
      table={{
        caption: 'Ratings: data',
        head: ['Model', 'Rating', '95% interval', 'Battles', 'Win rate'],
        rows: rated.map((r) => [r.model, rating(r.rating), interval(r), formatCount(r.battles), formatPercent(r.winRate)]),
      }}
    />
  );
}

/** Every pair that met: the first model's share of their decided votes with a Wilson interval, or "too few votes". */
function HeadToHead({ pairs, min }: { pairs: LeaderboardPair[]; min: number }) {
  return (
    <Table.ScrollContainer minWidth={620}>
      <Table aria-label="Head to head" withTableBorder>
        <Table.Caption>
          Head to head: the first model&apos;s share of the decided votes (ties count half), with a 95% Wilson interval from {min} decided
          votes on.
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Pair</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>
              Decided votes
            </Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>
              Wins · ties · losses
            </Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>
              Share
            </Table.Th>
            <Table.Th scope="col">95% interval</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pairs.map((p) => (
            <Table.Tr key={`${p.a}|${p.b}`}>
              <Table.Th scope="row" fw={500} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                {p.a} vs {p.b}
              </Table.Th>
              <Table.Td style={{ textAlign: 'right' }}>{formatCount(p.decided)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>
                {p.aWins} · {p.ties} · {p.bWins}
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatPercent(p.aWinRate)}</Table.Td>
              <Table.Td c={p.tooFewVotes ? 'orange.9' : undefined}>
                {p.tooFewVotes
                  ? `${TOO_FEW} (${p.decided} of ${min})`
                  : p.ci
                    ? `${formatPercent(p.ci.low)} – ${formatPercent(p.ci.high)}`
                    : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
