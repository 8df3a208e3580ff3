/** `WHERE a = ? AND b = ?` for the filters that are set; an unset filter matches everything. */
export function whereEquals(filters: Record<string, string | number | undefined>): SqlWhere {
  const where = new SqlWhere();
  for (const [column, value] of Object.entries(filters)) where.when(value, `${column} = ?`);
  return where;
}

/**
 * A WHERE clause built filter by filter: clauses joined by AND, their parameters in the same order.
 * `when` adds a clause only for a filter that is set (not undefined, null or '').
 */
export class SqlWhere {
  private readonly clauses: string[];
  readonly params: unknown[] = [];

  constructor(...always: string[]) {
    this.clauses = always;
  }

  /** A clause with its parameters, always. */
  add(clause: string, ...params: unknown[]): this {
    this.clauses.push(clause);
    this.params.push(...params);
    return this;
  }

  /** `clause`, whose one parameter is `value`, when the filter is set. */
  when(value: unknown, clause: string): this {
    return value === undefined || value === null || value === '' ? this : this.add(clause, value);
  }

  get sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}
