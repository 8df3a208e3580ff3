/**
 * A whole number with thousands separators, as en-US writes it ("12,345"). Written out because the
 * first toLocaleString of a process loads ICU's locale data: about 10 ms of a short CLI command.
 */
export function groupedCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${digits}` : digits;
}
