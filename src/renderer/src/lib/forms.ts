/** A NumberInput's value as a number, or '' while the field is empty or half typed. */
export function numberOrEmpty(value: number | string): number | '' {
  return typeof value === 'number' ? value : '';
}
