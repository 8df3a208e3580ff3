import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SessionDetail } from '../../../../shared/domain/session';
import { useApi } from '../../api/ApiProvider';
import { writeSession } from '../library/useSessions';
import { SessionEditorStore, type EditorSnapshot } from './editorStore';

/**
 * The editor for one loaded session: its store saves through `sessions.update`, and every refetch of
 * the session (after a change anywhere) is handed to it so changes made elsewhere show up.
 */
export function useSessionEditor(session: SessionDetail): { store: SessionEditorStore; snapshot: EditorSnapshot } {
  const api = useApi();
  const queryClient = useQueryClient();
  const [store] = useState(
    () =>
      new SessionEditorStore(
        session,
        (patch) => api.sessions.update({ id: session.id, ...patch }),
        (saved) => writeSession(queryClient, saved),
      ),
  );
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);

  useEffect(() => store.receive(session), [store, session]);

  // Leaving the editor saves what is waiting rather than dropping it.
  useEffect(() => () => void store.flush(), [store]);

  // Closing the window with an unsaved edit asks first.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (!store.dirty()) return;
      void store.flush();
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [store]);

  return { store, snapshot };
}

/** Undoes one operation from the session's history, after saving anything waiting so it is not lost. */
export function useUndoOperation(store: SessionEditorStore) {
  const api = useApi();
  return useMutation({
    mutationFn: async (opId: string) => {
      await store.flush();
      return api.sessions.undo({ opId });
    },
  });
}
