import { ActionBar, Autocomplete, Button, Group, Menu, Popover, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconEraser, IconGavel, IconReplace, IconTag, IconTagOff, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { sessionStatuses, type SessionStatus } from '../../../../shared/domain/session';
import { formatCount } from '../../lib/format';
import { sessionStatusLabel } from '../../ui/badges';

export interface BulkActionsProps {
  count: number;
  total: number;
  /** The total is a search's capped count: there are more matches than it says. */
  totalCapped: boolean;
  all: boolean;
  busy: boolean;
  tags: string[];
  onSelectAll(): void;
  onClear(): void;
  onAddTag(tag: string): void;
  onRemoveTag(tag: string): void;
  onSetStatus(status: SessionStatus): void;
  onFindReplace(): void;
  onApplyPlaceholders(): void;
  onJudge(): void;
  onDelete(): void;
}

/** The bar that floats over the list while sessions are selected. */
export function BulkActions(props: BulkActionsProps) {
  const [tagOpen, setTagOpen] = useState(false);
  const [tag, setTag] = useState('');
  const addTag = () => {
    const t = tag.trim();
    if (!t) return;
    props.onAddTag(t);
    setTag('');
    setTagOpen(false);
  };
  return (
    <ActionBar
      opened={props.count > 0}
      onClose={props.onClear}
      aria-label="Actions on the selected sessions"
      shadow="lg"
      radius="md"
      p="xs"
      // On a laptop-width window the actions would run off the screen (the close button with them): they wrap instead.
      style={{ flexWrap: 'wrap', justifyContent: 'center', rowGap: 'var(--mantine-spacing-xs)', maxWidth: 'calc(100vw - 2rem)' }}
    >
      <Group gap="xs" wrap="nowrap" px="xs">
        <Text fw={700} size="sm" style={{ whiteSpace: 'nowrap' }} role="status">
          {formatCount(props.count)} selected
        </Text>
        {!props.all && props.total > props.count && (
          <Button variant="subtle" size="compact-sm" onClick={props.onSelectAll} loading={props.busy}>
            {props.totalCapped
              ? `Select all matching (more than ${formatCount(props.total)})`
              : `Select all ${formatCount(props.total)} matching`}
          </Button>
        )}
      </Group>
      <ActionBar.Divider />
      <Popover opened={tagOpen} onChange={setTagOpen} trapFocus position="top" withArrow shadow="md">
        <Popover.Target>
          <Button variant="default" size="sm" leftSection={<IconTag size={16} aria-hidden />} onClick={() => setTagOpen((o) => !o)}>
            Add tag
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack
            gap="xs"
            w={260}
            component="form"
            onSubmit={(e) => {
              e.preventDefault();
              addTag();
            }}
          >
            <Autocomplete
              label="Tag to add"
              data={props.tags}
              value={tag}
              onChange={setTag}
              maxLength={60}
              placeholder="e.g. pilot-batch"
              data-autofocus
            />
            <Button type="submit" size="xs" disabled={!tag.trim()}>
              Add to {formatCount(props.count)} {props.count === 1 ? 'session' : 'sessions'}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
      <Menu position="top" shadow="md" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            size="sm"
            leftSection={<IconTagOff size={16} aria-hidden />}
            rightSection={<IconChevronDown size={14} aria-hidden />}
            disabled={props.tags.length === 0}
          >
            Remove tag
          </Button>
        </Menu.Target>
        <Menu.Dropdown mah={320} style={{ overflowY: 'auto' }}>
          {props.tags.map((t) => (
            <Menu.Item key={t} onClick={() => props.onRemoveTag(t)}>
              {t}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Menu position="top" shadow="md">
        <Menu.Target>
          <Button variant="default" size="sm" rightSection={<IconChevronDown size={14} aria-hidden />}>
            Set status
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {sessionStatuses.map((s) => (
            <Menu.Item key={s} onClick={() => props.onSetStatus(s)}>
              {sessionStatusLabel(s)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Button variant="default" size="sm" leftSection={<IconReplace size={16} aria-hidden />} onClick={props.onFindReplace}>
        Find and replace…
      </Button>
      <Button variant="default" size="sm" leftSection={<IconEraser size={16} aria-hidden />} onClick={props.onApplyPlaceholders}>
        Apply placeholders…
      </Button>
      <Button variant="default" size="sm" leftSection={<IconGavel size={16} aria-hidden />} onClick={props.onJudge}>
        Judge…
      </Button>
      <Button variant="light" color="red" size="sm" leftSection={<IconTrash size={16} aria-hidden />} onClick={props.onDelete}>
        Delete
      </Button>
      <ActionBar.Divider />
      <ActionBar.CloseButton aria-label="Clear the selection" />
    </ActionBar>
  );
}
