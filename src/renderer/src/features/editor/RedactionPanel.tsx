import { Alert, Badge, Button, Checkbox, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { forwardRef } from 'react';
import { ApiCallError } from '../../../../shared/api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { decisionOf, kindInfo, type Decision, type Detection, type RedactionMode } from './redaction';

interface RedactionPanelProps {
  detections: Detection[];
  decisions: Record<string, Decision>;
  onDecide(ids: string[], decision: Decision): void;
  mode: RedactionMode;
  onMode(mode: RedactionMode): void;
  onApply(): void;
  applying: boolean;
  error: unknown;
}

/** Repeats of the same detail (the same name five times) are decided together; each mark in the conversation can still differ. */
function groupByText(list: Detection[]): Detection[][] {
  const groups = new Map<string, Detection[]>();
  for (const d of list) {
    const key = d.text.trim().toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.values()];
}

/**
 * The personal details found in this session, for a person to accept (replace) or reject (keep)
 * before anything changes. Every detection starts accepted: when in doubt, a detail is removed.
 */
export const RedactionPanel = forwardRef<HTMLDivElement, RedactionPanelProps>(function RedactionPanel(props, ref) {
  const { detections, decisions } = props;
  const byKind = new Map<string, Detection[]>();
  for (const d of [...detections].sort((a, b) => a.turnIndex - b.turnIndex || a.start - b.start)) {
    byKind.set(d.kind, [...(byKind.get(d.kind) ?? []), d]);
  }
  const accepted = detections.filter((d) => decisionOf(decisions, d.id) === 'accepted').length;
  const notBuilt = props.error instanceof ApiCallError && props.error.code === 'NOT_FOUND';
  return (
    <Paper
      ref={ref}
      component="section"
      aria-labelledby="redaction-title"
      p="md"
      withBorder
      style={{ borderColor: 'var(--mantine-color-orange-4)' }}
      tabIndex={-1}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h3" id="redaction-title">
            Personal details to review
          </Title>
          <Badge color="orange">{detections.length}</Badge>
        </Group>
        <Text size="sm">
          Ticked details are replaced when you apply; unticked ones keep their original text. You can also click a marked word in the
          conversation. The session cannot be approved until this is done.
        </Text>
        <Stack gap="md">
          {[...byKind.entries()].map(([kind, list]) => {
            const info = kindInfo(kind);
            const kept = list.filter((d) => decisionOf(decisions, d.id) === 'rejected').length;
            const label = `${info.label.toLowerCase()} details`;
            return (
              <Stack key={kind} gap={6} role="group" aria-label={`${info.label} details`}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Badge color={info.color} variant="light">
                    {info.label}: {list.length - kept} of {list.length} replaced
                  </Badge>
                  <Group gap={0} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() =>
                        props.onDecide(
                          list.map((d) => d.id),
                          'accepted',
                        )
                      }
                      aria-label={`Replace all ${label}`}
                    >
                      Replace all
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="gray"
                      onClick={() =>
                        props.onDecide(
                          list.map((d) => d.id),
                          'rejected',
                        )
                      }
                      aria-label={`Keep all ${label}`}
                    >
                      Keep all
                    </Button>
                  </Group>
                </Group>
                {groupByText(list).map((same) => {
                  const first = same[0] as Detection;
                  const replaced = same.filter((d) => decisionOf(decisions, d.id) === 'accepted').length;
                  const turns = [...new Set(same.map((d) => d.turnIndex + 1))];
                  const doubtful = Math.min(...same.map((d) => d.confidence)) < 0.7;
                  return (
                    <Checkbox
                      key={first.id}
                      label={first.text}
                      description={`${same.length > 1 ? `${same.length} times, turns ` : 'Turn '}${turns.slice(0, 8).join(', ')}${turns.length > 8 ? '…' : ''}${doubtful ? ` · ${Math.round(first.confidence * 100)}% sure` : ''}`}
                      checked={replaced === same.length}
                      indeterminate={replaced > 0 && replaced < same.length}
                      onChange={(e) =>
                        props.onDecide(
                          same.map((d) => d.id),
                          e.currentTarget.checked ? 'accepted' : 'rejected',
                        )
                      }
                      color={info.color}
                      styles={{ label: { wordBreak: 'break-word' } }}
                    />
                  );
                })}
              </Stack>
            );
          })}
        </Stack>
        <Text size="sm" fw={600}>
          Replace with
        </Text>
        <SegmentedControl
          fullWidth
          aria-label="Replace with"
          value={props.mode}
          onChange={(v) => props.onMode(v as RedactionMode)}
          data={[
            { value: 'placeholder', label: 'Placeholders' },
            { value: 'surrogate', label: 'Stand-ins' },
          ]}
        />
        <Text size="xs" c="dimmed">
          {props.mode === 'placeholder'
            ? 'Placeholders such as [CLIENT_NAME_1], the same one for each repeat of a detail.'
            : 'Stand-ins: made-up names, numbers and places of the same kind, consistent within the session.'}
        </Text>
        <Button onClick={props.onApply} loading={props.applying} leftSection={<IconShieldCheck size={18} aria-hidden />}>
          Apply: replace {accepted}, keep {detections.length - accepted}
        </Button>
        {props.error ? (
          notBuilt ? (
            <Alert color="red" variant="light" role="alert" title="Cannot apply yet">
              This version of the backend cannot apply redactions to a session yet ({(props.error as Error).message}).
            </Alert>
          ) : (
            <ErrorAlert error={props.error} />
          )
        ) : null}
      </Stack>
    </Paper>
  );
});
