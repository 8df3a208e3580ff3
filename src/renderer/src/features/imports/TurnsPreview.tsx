import { Text } from '@mantine/core';
import type { TranscriptPreview } from '../../../../shared/domain/importing';
import classes from './import.module.css';

/** The first turns of a transcript as they would be imported, as a small chat. Text only. */
export function TurnsPreview({ turns, label }: { turns: TranscriptPreview['firstTurns']; label: string }) {
  if (turns.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No turns left after mapping and cleaning: check the speaker roles.
      </Text>
    );
  }
  return (
    <ol className={classes.chat} aria-label={label}>
      {turns.map((t, i) => (
        <li key={i} className={classes.bubble} data-role={t.role}>
          <span className={classes.who}>{t.role === 'assistant' ? 'Counselor' : 'Client'}</span>
          {t.text}
        </li>
      ))}
    </ol>
  );
}
