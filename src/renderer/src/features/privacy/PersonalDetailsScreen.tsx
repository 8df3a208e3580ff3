import { Badge, Button, CloseButton, EmptyState, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconEraser, IconSearch, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { PendingEntity } from '../../../../shared/api/redaction';
import { useApi } from '../../api/ApiProvider';
import { plural } from '../../lib/format';
import { href } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { Pager } from '../../ui/Pager';
import { Loading } from '../../ui/QueryView';
import type { LastChange } from '../library/libraryState';
import { SessionsUndoNotice } from '../library/SessionsUndoNotice';
import { useUndo } from '../library/useSessions';
import { ApplyPlaceholdersModal } from './ApplyPlaceholdersModal';
import { useDecideEntity, usePendingEntities } from './usePersonalDetails';

/** Rows per page: a real library has hundreds of detected details, and each row has two buttons. */
const PAGE_SIZE = 50;

const kindLabel: Record<PendingEntity['kind'], string> = {
  name: 'Name',
  place: 'Place',
  address: 'Address',
  phone: 'Phone',
  email: 'Email',
  url: 'Web address',
  date: 'Date',
  age: 'Age',
  id: 'Number',
};

/**
 * The Personal details queue: every detected detail of the sessions awaiting review, grouped by who
 * or what it is across sessions, to accept (replace) or reject (keep) in one action each. A session
 * whose details are all decided has them applied and may then enter datasets.
 */
export function PersonalDetailsScreen() {
  const api = useApi();
  const [searchText, setSearchText] = useState('');
  const [search] = useDebouncedValue(searchText.trim(), 300);
  const entities = usePendingEntities(search);
  // Paged here: the queue comes whole (it is grouped across every pending session), and a page is a slice of it.
  const [page, setPage] = useState({ search: '', offset: 0 });
  const all = entities.data?.entities ?? [];
  const requested = page.search === search ? page.offset : 0;
  // Deciding removes rows: past the end, show the last page there is.
  const offset = requested < all.length ? requested : Math.max(0, Math.ceil(all.length / PAGE_SIZE) - 1) * PAGE_SIZE;
  const shown = all.slice(offset, offset + PAGE_SIZE);
  const decide = useDecideEntity();
  const undo = useUndo();
  const [last, setLast] = useState<LastChange | null>(null);
  const [applyIds, setApplyIds] = useState<string[] | null>(null);
  const [collecting, setCollecting] = useState(false);
  const pending = entities.data?.pendingSessions ?? 0;

  const decideOn = (e: PendingEntity, decision: 'accepted' | 'rejected') =>
    decide.mutate(
      { entity: e.label, kind: e.kind, decision },
      {
        onSuccess: (r) => {
          if (!r.opId) return;
          const verb = decision === 'accepted' ? 'Replaced' : 'Kept';
          const left = r.stillPending ? `${plural(r.stillPending, 'session')} still await review.` : 'No session awaits review any more.';
          setLast({
            change: {
              opId: r.opId,
              message: `${verb} “${e.label}” in ${plural(r.places, 'place')} of ${plural(r.sessions, 'session')}; ${plural(r.cleared, 'session')} cleared. ${left}`,
            },
            undone: null,
          });
          undo.reset();
        },
      },
    );

  const openApplyAll = async () => {
    setCollecting(true);
    try {
      setApplyIds(await api.sessions.ids({ pendingDetails: true }));
    } finally {
      setCollecting(false);
    }
  };

  return (
    <Stack gap="md">
      <PageHeader
        title="Personal details"
        description="Names, places and numbers detected in sessions that await review, grouped across sessions. Replace or keep each one everywhere at once; a session leaves this queue, and may enter datasets, once all its details are decided."
        actions={
          pending > 0 ? (
            <Button
              variant="light"
              leftSection={<IconEraser size={18} aria-hidden />}
              loading={collecting}
              onClick={() => void openApplyAll()}
            >
              Apply placeholders to all {plural(pending, 'session')}…
            </Button>
          ) : null
        }
      />
      {last && <SessionsUndoNotice last={last} undo={undo} onChange={setLast} />}
      {decide.error ? <ErrorAlert error={decide.error} /> : null}
      <Group align="flex-end" gap="sm">
        <TextInput
          label="Find a detail"
          placeholder="e.g. Maria"
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={searchText ? <CloseButton size="sm" aria-label="Clear the search" onClick={() => setSearchText('')} /> : null}
          value={searchText}
          onChange={(e) => setSearchText(e.currentTarget.value)}
          w={320}
          type="search"
        />
        <Text size="sm" c="dimmed" pb={8} aria-live="polite">
          {entities.data ? `${plural(pending, 'session')} ${pending === 1 ? 'awaits' : 'await'} review` : ''}
        </Text>
        {pending > 0 && (
          <Text size="sm" pb={8}>
            <a href={href('library')}>See them in the Library</a> (filter “Personal details pending”).
          </Text>
        )}
      </Group>
      {entities.isPending ? (
        <Loading label="Grouping the detected details…" />
      ) : entities.isError ? (
        <ErrorAlert title="Could not load the detected details" error={entities.error} onRetry={() => void entities.refetch()} />
      ) : entities.data.entities.length === 0 ? (
        <Paper>
          <EmptyState
            icon={<IconShieldCheck aria-hidden />}
            withIndicatorBackground
            title={search ? 'No detail matches' : 'No personal details await review'}
            description={
              search
                ? `No detected detail contains “${search}”.`
                : 'Sessions imported with “Detect for review” show their names, places and numbers here until someone decides on them.'
            }
          />
        </Paper>
      ) : (
        <Paper p={0}>
          <Table striped highlightOnHover aria-label="Detected personal details by entity">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Detail</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Where</Table.Th>
                <Table.Th>Decide everywhere</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((e) => (
                <Table.Tr key={`${e.kind}-${e.key}`}>
                  <Table.Td fw={600}>{e.label}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray">
                      {kindLabel[e.kind]}
                    </Badge>
                  </Table.Td>
                  <Table.Td aria-label={`${e.label}: where`}>
                    {plural(e.sessions, 'session')}, {plural(e.places, 'place')}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="compact-sm"
                        onClick={() => decideOn(e, 'accepted')}
                        loading={decide.isPending && decide.variables?.entity === e.label}
                        aria-label={`Replace “${e.label}” everywhere`}
                      >
                        Replace everywhere
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => decideOn(e, 'rejected')}
                        disabled={decide.isPending}
                        aria-label={`Keep “${e.label}” everywhere`}
                      >
                        Keep everywhere
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Pager
            label="Pages of detected details"
            offset={offset}
            limit={PAGE_SIZE}
            total={all.length}
            onChange={(next) => setPage({ search, offset: next })}
          />
        </Paper>
      )}
      {applyIds && (
        <ApplyPlaceholdersModal
          ids={applyIds}
          onClose={() => setApplyIds(null)}
          onApplied={(r) => {
            setApplyIds(null);
            setLast({
              change: {
                opId: r.opId,
                message: `Replaced ${plural(r.places, 'detected detail')} in ${plural(r.sessions, 'session')} with placeholders.`,
              },
              undone: null,
            });
            undo.reset();
          }}
        />
      )}
    </Stack>
  );
}
