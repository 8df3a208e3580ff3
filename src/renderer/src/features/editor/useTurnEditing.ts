import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { SessionEditorStore } from './editorStore';
import type { TurnAction } from './TurnCard';
import { indexOf, insertAfter, mergeWithNext, move, otherRole, remove, roleLabel, setRole, setText, split } from './turnOps';

/**
 * Which turn is being typed in, which one the keyboard acts on, where the caret is, and the turn
 * operations (move, insert, split, merge, delete) with their undo summaries and where focus goes next.
 */
export function useTurnEditing(store: SessionEditorStore) {
  const [editingKey, setEditingKey] = useState<string | null>(null);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ key: string; token: number }>({ key: '', token: 0 });
  const cursor = useRef<number | null>(null);
  const numberOf = (key: string) => indexOf(store.getSnapshot().draft, key) + 1;
  const focusTurn = (key: string) => setFocus((f) => ({ key, token: f.token + 1 }));

  const turnOps = {
    startEdit(key: string) {
      cursor.current = null;
      setEditingKey(key);
      setActiveKey(key);
    },
    move(key: string, delta: -1 | 1) {
      const n = numberOf(key);
      store.apply(`Moved turn ${n} ${delta < 0 ? 'up' : 'down'}`, (d) => move(d, key, delta) ?? d);
      focusTurn(key);
    },
    insertAfter(key: string | null) {
      const n = key ? numberOf(key) : 0;
      let added = '';
      store.apply(n ? `Inserted a turn after turn ${n}` : 'Inserted a turn', (d) => {
        const r = insertAfter(d, key);
        added = r.key;
        return r.draft;
      });
      if (added) {
        setEditingKey(added);
        setActiveKey(added);
        focusTurn(added);
      }
    },
    split(key: string) {
      const at = cursor.current;
      if (editingKey !== key || at === null) return;
      const n = numberOf(key);
      let second = '';
      store.apply(`Split turn ${n}`, (d) => {
        const r = split(d, key, at);
        if (!r) return d;
        second = r.key;
        return r.draft;
      });
      if (second) {
        setEditingKey(second);
        setActiveKey(second);
        cursor.current = 0;
        focusTurn(second);
      }
    },
    mergeWithNext(key: string) {
      const n = numberOf(key);
      store.apply(`Merged turns ${n} and ${n + 1}`, (d) => mergeWithNext(d, key) ?? d);
      focusTurn(key);
    },
    remove(key: string) {
      const d = store.getSnapshot().draft;
      const i = indexOf(d, key);
      const neighbour = d.turns[i + 1] ?? d.turns[i - 1];
      store.apply(`Deleted turn ${i + 1}`, (x) => remove(x, key));
      if (editingKey === key) setEditingKey(null);
      if (neighbour) {
        setActiveKey(neighbour.key);
        focusTurn(neighbour.key);
      }
    },
  };

  const handleTurn = (key: string, action: TurnAction) => {
    switch (action.type) {
      case 'startEdit':
        return turnOps.startEdit(key);
      case 'stopEdit':
        store.endTyping();
        return setEditingKey((k) => (k === key ? null : k));
      case 'blur':
        return store.endTyping();
      case 'text':
        return store.apply(`Edited turn ${numberOf(key)}`, (d) => setText(d, key, action.text), { coalesce: `text:${key}` });
      case 'cursor':
        cursor.current = action.position;
        return;
      case 'activate':
        return setActiveKey(key);
      case 'switchRole': {
        const role = store.getSnapshot().draft.turns.find((t) => t.key === key)?.role;
        if (!role) return;
        return store.apply(`Made turn ${numberOf(key)} a ${roleLabel[otherRole(role)].toLowerCase()} turn`, (d) =>
          setRole(d, key, otherRole(role)),
        );
      }
      case 'move':
        return turnOps.move(key, action.delta);
      case 'insertAfter':
        return turnOps.insertAfter(key);
      case 'split':
        return turnOps.split(key);
      case 'mergeWithNext':
        return turnOps.mergeWithNext(key);
      case 'remove':
        return turnOps.remove(key);
    }
  };
  // Turns get one stable handler that always runs the latest one, so a memoized turn never acts on old state.
  const latestTurnHandler = useRef(handleTurn);
  useLayoutEffect(() => {
    latestTurnHandler.current = handleTurn;
  });
  const onTurn = useCallback((key: string, action: TurnAction) => latestTurnHandler.current(key, action), []);

  return { editingKey, activeKey, focus, turnOps, onTurn };
}
