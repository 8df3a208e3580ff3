/**
 * Moves focus to an element by id and brings it to the middle of the window, clear of the sticky
 * header and action bars that a plain `focus()` scroll would leave it under. False when it is not there.
 */
export function focusField(id: string): boolean {
  const el = document.getElementById(id);
  if (!el) return false;
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'center' });
  return true;
}
