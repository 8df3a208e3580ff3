/** `WHERE a = ? AND b = ?` for the filters that are set; an unset filter matches everything. */
export function whereEquals(filters: Record<string, string | number | undefined>): { sql: string; params: (string | number)[] } {
  const set = Object.entries(filters).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '');
  return {
    sql: set.length ? `WHERE ${set.map(([column]) => `${column} = ?`).join(' AND ')}` : '',
    params: set.map(([, value]) => value),
  };
}
