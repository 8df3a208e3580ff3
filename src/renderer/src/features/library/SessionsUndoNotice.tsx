import { plural } from '../../lib/format';
import { UndoNotice } from '../../ui/UndoNotice';
import type { LastChange } from './libraryState';
import type { useUndo } from './useSessions';

/**
 * The notice for the last change to many sessions, undone through the session operations log; the
 * screen keeps the change and the undo mutation (it resets the mutation when a new change lands).
 */
export function SessionsUndoNotice({
  last,
  undo,
  onChange,
}: {
  last: LastChange;
  undo: ReturnType<typeof useUndo>;
  onChange(next: LastChange | null): void;
}) {
  return (
    <UndoNotice
      change={last.change}
      undoing={undo.isPending}
      undone={last.undone}
      error={undo.error}
      onUndo={() =>
        undo.mutate(last.change.opId, {
          onSuccess: (r) => onChange({ ...last, undone: `Undone: ${plural(r.restored, 'session')} restored to how they were.` }),
        })
      }
      onDismiss={() => onChange(null)}
    />
  );
}
