import { ActionIcon, Box, Group, Menu, Paper, Text, Textarea, Tooltip, UnstyledButton } from '@mantine/core';
import {
  IconArrowDown,
  IconArrowUp,
  IconCheck,
  IconDots,
  IconGitMerge,
  IconPencil,
  IconRowInsertBottom,
  IconScissors,
  IconSwitchHorizontal,
  IconTrash,
} from '@tabler/icons-react';
import { memo, useEffect, useRef, useState, type CSSProperties, type MouseEvent } from 'react';
import { splitAtSpans } from '../../lib/textMatch';
import type { EditorTurn } from './editorStore';
import { decisionOf, kindInfo, type Decision, type Detection } from './redaction';
import { otherRole, roleLabel } from './turnOps';
import classes from './editor.module.css';

/** What a turn asks the editor to do; the editor knows which turn by its key. */
export type TurnAction =
  | { type: 'startEdit' | 'stopEdit' | 'blur' | 'activate' | 'switchRole' | 'insertAfter' | 'split' | 'mergeWithNext' | 'remove' }
  | { type: 'text'; text: string }
  | { type: 'cursor'; position: number }
  | { type: 'move'; delta: -1 | 1 };

interface TurnCardProps {
  turn: EditorTurn;
  index: number;
  count: number;
  editing: boolean;
  /** The turn the keyboard shortcuts act on: its tools stay shown. */
  active: boolean;
  /** Turn text cannot change while detected personal details await review (their positions would move). */
  locked: boolean;
  /** Bumped when this turn should take focus (after it moved, or was inserted). */
  focusToken: number;
  detections: Detection[];
  decisions: Record<string, Decision>;
  onToggleDetection(id: string): void;
  /** Stable across renders, so a turn re-renders only when its own props change. */
  onTurn(key: string, action: TurnAction): void;
}

/**
 * One turn as a chat bubble: the client on the left, the counselor on the right. Click the text (or
 * the pencil) to edit it in place. Text is always rendered as text: transcripts are untrusted.
 * Memoized, and its tools are mounted only while it is hovered or active, so a session of hundreds
 * of turns stays quick to open and to type in.
 */
export const TurnCard = memo(function TurnCard({
  turn,
  index,
  count,
  editing,
  active,
  locked,
  focusToken,
  detections,
  decisions,
  onToggleDetection,
  onTurn,
}: TurnCardProps) {
  const counselor = turn.role === 'assistant';
  const n = index + 1;
  const rootRef = useRef<HTMLLIElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [hovered, setHovered] = useState(false);
  const act = (action: TurnAction) => onTurn(turn.key, action);

  useEffect(() => {
    if (focusToken === 0) return;
    (textRef.current ?? rootRef.current)?.focus();
  }, [focusToken]);

  return (
    <Box
      component="li"
      ref={rootRef}
      tabIndex={-1}
      aria-label={`Turn ${n}, ${roleLabel[turn.role]}`}
      className={classes.turn}
      data-side={counselor ? 'right' : 'left'}
      data-editing={editing || undefined}
      onFocus={() => act({ type: 'activate' })}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
    >
      <Paper
        withBorder
        p="sm"
        px="md"
        radius="lg"
        className={classes.bubble}
        data-role={turn.role}
        style={counselor ? { borderBottomRightRadius: 4 } : { borderBottomLeftRadius: 4 }}
      >
        <Group justify="space-between" gap="xs" wrap="nowrap" mb={4} mih={28}>
          <Text size="xs" fw={700} c={counselor ? 'sea.8' : 'gray.7'} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
            {roleLabel[turn.role]}
            <Text span size="xs" fw={500} c="dimmed" tt="none" ml={8} style={{ letterSpacing: 0 }}>
              Turn {n}
            </Text>
          </Text>
          {!locked && <Toolbar n={n} count={count} editing={editing} full={hovered || active || editing} role={turn.role} act={act} />}
        </Group>
        {editing && !locked ? (
          <Textarea
            ref={textRef}
            aria-label={`Text of turn ${n}`}
            value={turn.text}
            autosize
            minRows={2}
            autoFocus
            onChange={(e) => act({ type: 'text', text: e.currentTarget.value })}
            onSelect={(e) => act({ type: 'cursor', position: e.currentTarget.selectionStart })}
            onBlur={() => act({ type: 'blur' })}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                act({ type: 'stopEdit' });
                rootRef.current?.focus();
              }
            }}
            styles={{ input: { fontSize: 'var(--mantine-font-size-md)', lineHeight: 1.55 } }}
          />
        ) : locked ? (
          <Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            <HighlightedText text={turn.text} detections={detections} decisions={decisions} onToggle={onToggleDetection} />
          </Text>
        ) : (
          <UnstyledButton
            className={classes.turnText}
            onClick={() => act({ type: 'startEdit' })}
            tabIndex={-1}
            title="Click to edit"
            component="div"
          >
            {turn.text ? (
              <Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{turn.text}</Text>
            ) : (
              <Text c="dimmed" fs="italic">
                Empty turn: click to write it
              </Text>
            )}
          </UnstyledButton>
        )}
      </Paper>
    </Box>
  );
});

/** The pencil is always there (it is the turn's stop for the Tab key); the other tools appear with it in use. */
function Toolbar({
  n,
  count,
  editing,
  full,
  role,
  act,
}: {
  n: number;
  count: number;
  editing: boolean;
  full: boolean;
  role: EditorTurn['role'];
  act(action: TurnAction): void;
}) {
  // Buttons keep the text box's focus and caret, so "split at the cursor" knows where the cursor was.
  const keep = (e: MouseEvent) => e.preventDefault();
  return (
    <Group gap={2} wrap="nowrap" className={full ? undefined : classes.toolbar}>
      {full && (
        <>
          <Tooltip label="Move up (Alt+↑)">
            <ActionIcon
              variant="subtle"
              color="gray"
              size="md"
              aria-label={`Move turn ${n} up`}
              disabled={n === 1}
              onMouseDown={keep}
              onClick={() => act({ type: 'move', delta: -1 })}
            >
              <IconArrowUp size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Move down (Alt+↓)">
            <ActionIcon
              variant="subtle"
              color="gray"
              size="md"
              aria-label={`Move turn ${n} down`}
              disabled={n === count}
              onMouseDown={keep}
              onClick={() => act({ type: 'move', delta: 1 })}
            >
              <IconArrowDown size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="New turn after this one (Ctrl+Enter)">
            <ActionIcon
              variant="subtle"
              color="gray"
              size="md"
              aria-label={`Insert a turn after turn ${n}`}
              onMouseDown={keep}
              onClick={() => act({ type: 'insertAfter' })}
            >
              <IconRowInsertBottom size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Menu position="bottom-end" shadow="md" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" size="md" aria-label={`More actions for turn ${n}`} onMouseDown={keep}>
                <IconDots size={18} aria-hidden />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconSwitchHorizontal size={16} aria-hidden />} onClick={() => act({ type: 'switchRole' })}>
                Make it a {roleLabel[otherRole(role)].toLowerCase()} turn
              </Menu.Item>
              <Menu.Item
                leftSection={<IconScissors size={16} aria-hidden />}
                onClick={() => act({ type: 'split' })}
                disabled={!editing}
                rightSection={<Shortcut keys="Ctrl+Shift+S" />}
              >
                Split at the cursor
              </Menu.Item>
              <Menu.Item
                leftSection={<IconGitMerge size={16} aria-hidden />}
                onClick={() => act({ type: 'mergeWithNext' })}
                disabled={n === count}
                rightSection={<Shortcut keys="Ctrl+Shift+M" />}
              >
                Merge with the next turn
              </Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => act({ type: 'remove' })}>
                Delete this turn
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </>
      )}
      <ActionIcon
        variant="subtle"
        color="gray"
        size="md"
        aria-label={editing ? `Done editing turn ${n}` : `Edit turn ${n}`}
        title={editing ? 'Done editing (Esc)' : 'Edit the text'}
        onMouseDown={editing ? undefined : keep}
        onClick={() => act({ type: editing ? 'stopEdit' : 'startEdit' })}
      >
        {editing ? <IconCheck size={18} aria-hidden /> : <IconPencil size={18} aria-hidden />}
      </ActionIcon>
    </Group>
  );
}

function Shortcut({ keys }: { keys: string }) {
  return (
    <Text size="xs" c="dimmed">
      {keys}
    </Text>
  );
}

/** The turn with each detected personal detail marked; a mark toggles whether it will be replaced. */
function HighlightedText({
  text,
  detections,
  decisions,
  onToggle,
}: {
  text: string;
  detections: Detection[];
  decisions: Record<string, Decision>;
  onToggle(id: string): void;
}) {
  const parts = splitAtSpans(text, detections);
  return (
    <>
      {parts.map((p, i) => {
        if (!p.span) return <span key={i}>{p.text}</span>;
        const d = p.span;
        const info = kindInfo(d.kind);
        const accepted = decisionOf(decisions, d.id) === 'accepted';
        return (
          <UnstyledButton
            key={d.id}
            component="mark"
            role="button"
            tabIndex={0}
            className={classes.detection}
            data-accepted={accepted || undefined}
            style={
              { '--kind': `var(--mantine-color-${info.color}-6)`, '--kind-bg': `var(--mantine-color-${info.color}-1)` } as CSSProperties
            }
            aria-pressed={accepted}
            aria-label={`${info.label}: ${d.text}. ${accepted ? 'Will be replaced' : 'Will be kept'}`}
            title={accepted ? `${info.label}: will be replaced. Click to keep it.` : `${info.label}: will be kept. Click to replace it.`}
            onClick={() => onToggle(d.id)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onToggle(d.id);
              }
            }}
          >
            {p.text}
            <span className={classes.kindLabel} aria-hidden>
              {info.label}
            </span>
          </UnstyledButton>
        );
      })}
    </>
  );
}
