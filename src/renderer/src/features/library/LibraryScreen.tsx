import { Button, Checkbox, CloseButton, EmptyState, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconFileImport, IconFilterOff, IconMessages, IconSearch, IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import { sessionStatuses, type SessionSource, type SessionStatus } from '../../../../shared/domain/session';
import { formatCount, plural } from '../../lib/format';
import { href, navigate } from '../../lib/router';
import { sessionStatusLabel, sourceOptions } from '../../ui/badges';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { Loading } from '../../ui/QueryView';
import type { UndoableChange } from '../../ui/UndoNotice';
import { ApplyPlaceholdersModal } from '../privacy/ApplyPlaceholdersModal';
import { BulkActions } from './BulkActions';
import { FindReplaceModal } from './FindReplaceModal';
import { useLibraryState } from './libraryState';
import { SessionList } from './SessionList';
import { SessionsUndoNotice } from './SessionsUndoNotice';
import { useSelection } from './useSelection';
import { isFiltered, useBulkUpdate, useDeleteSessions, useLibraryHead, useSessionTags, useUndo } from './useSessions';

/** The screen fills the window below the header; the list scrolls inside it. */
const SCREEN_HEIGHT = 'calc(100dvh - 168px)';

export function LibraryScreen() {
  const state = useLibraryState();
  const { query } = state;
  const head = useLibraryHead(query);
  const total = head.data?.total ?? null;
  const selection = useSelection(query, total);
  const tags = useSessionTags();
  const bulk = useBulkUpdate();
  const remove = useDeleteSessions();
  const undo = useUndo();
  const [findOpen, setFindOpen] = useState(false);
  const [placeholdersOpen, setPlaceholdersOpen] = useState(false);
  const filtered = isFiltered(query);
  const selectedIds = [...selection.ids];
  const n = selectedIds.length;
  const sessions = (count: number) => plural(count, 'session');

  const done = (change: UndoableChange) => {
    state.setLastChange({ change, undone: null });
    undo.reset();
  };
  const last = state.lastChange;
  // A partial approval says what it left and why, in full, beside what it did.
  const bulkUpdate = (
    input: { addTags?: string[]; removeTags?: string[]; status?: SessionStatus },
    describe: (changed: number) => string,
  ) =>
    bulk.mutate(
      { ids: selectedIds, ...input },
      {
        onSuccess: (r) =>
          done({
            opId: r.opId,
            message: [describe(r.changed), ...r.skipped.map((s) => `Left ${sessions(s.sessionIds.length)}: ${s.reason}.`)].join(' '),
          }),
      },
    );

  const tagNames = (tags.data ?? []).map((t) => t.tag);
  const actionError = bulk.error ?? remove.error ?? selection.error;

  return (
    <Stack gap="md" h={SCREEN_HEIGHT} mih={560}>
      <PageHeader
        title="Library"
        description="Every session in this project, real and synthetic. Open one to read, edit and approve it."
        actions={
          <Button component="a" href={href('import')} variant="light" leftSection={<IconFileImport size={18} aria-hidden />}>
            Import transcripts
          </Button>
        }
      />
      {/* Nothing to filter in an empty library: its empty state says what to do instead. */}
      {(filtered || state.searchText || (total ?? 0) > 0) && <Filters tags={tagNames} />}
      {last && <SessionsUndoNotice last={last} undo={undo} onChange={state.setLastChange} />}
      {actionError ? <ErrorAlert error={actionError} /> : null}
      {head.isPending ? (
        <Loading label="Loading sessions…" />
      ) : head.isError ? (
        <ErrorAlert title="Could not load the library" error={head.error} onRetry={() => void head.refetch()} />
      ) : total === 0 && !head.isPlaceholderData ? (
        filtered ? (
          <NoResults />
        ) : (
          <NoSessions />
        )
      ) : (
        <Paper p={0} style={{ flex: '0 1 auto', minHeight: 200, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
          <SessionList
            key={JSON.stringify(query)}
            query={query}
            total={total ?? 0}
            firstPage={head.data?.rows}
            stale={head.isPlaceholderData}
            selected={selection.ids}
            onToggle={selection.toggle}
            allState={selection.all ? 'all' : n > 0 ? 'some' : 'none'}
            onToggleAll={() => (selection.all || n > 0 ? selection.clear() : selection.selectAllMatching())}
            onSort={(sort) =>
              state.setSort(sort, query.sort === sort ? (query.direction === 'asc' ? 'desc' : 'asc') : sort === 'title' ? 'asc' : 'desc')
            }
            offsetRef={state.scrollOffset}
            endPadding={n > 0 ? 88 : 0}
          />
        </Paper>
      )}
      <BulkActions
        count={n}
        total={total ?? 0}
        totalCapped={head.data?.totalCapped ?? false}
        all={selection.all}
        busy={selection.busy}
        tags={tagNames}
        onSelectAll={selection.selectAllMatching}
        onClear={selection.clear}
        onAddTag={(tag) => bulkUpdate({ addTags: [tag] }, (c) => `Added the tag “${tag}” to ${sessions(c)}.`)}
        onRemoveTag={(tag) => bulkUpdate({ removeTags: [tag] }, (c) => `Removed the tag “${tag}” from ${sessions(c)}.`)}
        onSetStatus={(status) => bulkUpdate({ status }, (c) => `Set ${sessions(c)} to ${sessionStatusLabel(status)}.`)}
        onFindReplace={() => setFindOpen(true)}
        onApplyPlaceholders={() => setPlaceholdersOpen(true)}
        onJudge={() => {
          state.setToJudge(selectedIds);
          navigate('review', 'judge');
        }}
        onDelete={() =>
          remove.mutate(selectedIds, {
            onSuccess: (r) => {
              selection.remove(selectedIds);
              done({ opId: r.opId, message: `Deleted ${sessions(r.deleted)}.` });
            },
          })
        }
      />
      {placeholdersOpen && (
        <ApplyPlaceholdersModal
          ids={selectedIds}
          onClose={() => setPlaceholdersOpen(false)}
          onApplied={(r) => {
            setPlaceholdersOpen(false);
            done({
              opId: r.opId,
              message: `Replaced ${plural(r.places, 'detected detail')} in ${sessions(r.sessions)} with placeholders.`,
            });
          }}
        />
      )}
      {findOpen && (
        <FindReplaceModal
          opened
          ids={selectedIds}
          onClose={() => setFindOpen(false)}
          onApplied={(r) =>
            done({
              opId: r.opId,
              message: `Replaced ${plural(r.totalMatches, 'match', 'matches')} of “${r.find}” in ${sessions(r.sessionsAffected)}.`,
            })
          }
        />
      )}
    </Stack>
  );
}

const statusOptions = sessionStatuses.map((s) => ({ value: s, label: sessionStatusLabel(s) }));

function Filters({ tags }: { tags: string[] }) {
  const state = useLibraryState();
  const { query } = state;
  const head = useLibraryHead(query);
  const filtered = isFiltered({ ...query, search: state.searchText });
  const searching = head.isPlaceholderData || state.searchText.trim() !== (query.search ?? '');
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label="Search"
        description='Whole words; "a phrase" in quotes; anxi* for word starts'
        placeholder="Search the turns and titles"
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={
          state.searchText ? <CloseButton size="sm" aria-label="Clear the search" onClick={() => state.setSearchText('')} /> : null
        }
        value={state.searchText}
        onChange={(e) => state.setSearchText(e.currentTarget.value)}
        style={{ flex: '1 1 360px', maxWidth: 560 }}
        type="search"
      />
      <Select
        label="Source"
        placeholder="Any source"
        data={sourceOptions}
        value={query.source ?? null}
        onChange={(v) => state.setFilter({ source: (v as SessionSource | null) ?? undefined })}
        clearable
        w={150}
      />
      <Select
        label="Status"
        placeholder="Any status"
        data={statusOptions}
        value={query.status ?? null}
        onChange={(v) => state.setFilter({ status: (v as SessionStatus | null) ?? undefined })}
        clearable
        w={170}
      />
      <Select
        label="Tag"
        placeholder={tags.length ? 'Any tag' : 'No tags yet'}
        data={tags}
        value={query.tag ?? null}
        onChange={(v) => state.setFilter({ tag: v ?? undefined })}
        clearable
        searchable
        nothingFoundMessage="No such tag"
        disabled={tags.length === 0 && !query.tag}
        w={180}
      />
      <Checkbox
        label="Personal details pending"
        checked={query.pendingDetails === true}
        onChange={(e) => state.setFilter({ pendingDetails: e.currentTarget.checked ? true : undefined })}
        pb={8}
      />
      {query.pendingDetails && (
        <Button component="a" href={href('privacy')} variant="light" size="xs" mb={6}>
          Review them by name
        </Button>
      )}
      {filtered && (
        <Button variant="subtle" leftSection={<IconFilterOff size={16} aria-hidden />} onClick={state.clearFilters}>
          Clear filters
        </Button>
      )}
      <Text size="sm" c="dimmed" ml="auto" pb={8} aria-live="polite">
        {searching ? 'Searching…' : head.data ? totalLabel(head.data.total, head.data.totalCapped, filtered) : ''}
      </Text>
    </Group>
  );
}

/** A search counts its matches only so far: past that the label says so instead of a made-up number. */
function totalLabel(total: number | null, capped: boolean, filtered: boolean): string {
  if (capped)
    return `More than ${formatCount(total)} matching; showing the first ${formatCount(total)}. Narrow the search to see the rest.`;
  return `${formatCount(total)} ${filtered ? 'matching' : total === 1 ? 'session' : 'sessions'}`;
}

function NoSessions() {
  return (
    <Paper>
      <EmptyState
        icon={<IconMessages aria-hidden />}
        withIndicatorBackground
        title="No sessions yet"
        description="Import transcripts or generate sessions. Imported transcripts arrive here cleaned into client and counselor turns, ready to review."
      >
        <EmptyState.Actions>
          <Button component="a" href={href('import')} leftSection={<IconFileImport size={18} aria-hidden />}>
            Import transcripts
          </Button>
          <Button component="a" href={href('generate')} variant="default" leftSection={<IconSparkles size={18} aria-hidden />}>
            Generate sessions
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Paper>
  );
}

function NoResults() {
  const state = useLibraryState();
  return (
    <Paper>
      <EmptyState
        icon={<IconSearch aria-hidden />}
        withIndicatorBackground
        title="No sessions match"
        description={
          state.query.search
            ? `Nothing matches “${state.query.search}” with these filters. Check the spelling, use fewer words, or clear the filters.`
            : 'No session has all of these filters. Clear one or all of them.'
        }
      >
        <EmptyState.Actions>
          <Button variant="light" onClick={state.clearFilters} leftSection={<IconFilterOff size={18} aria-hidden />}>
            Clear filters
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Paper>
  );
}
