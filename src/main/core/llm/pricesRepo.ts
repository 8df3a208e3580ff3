import type Database from 'better-sqlite3';
import type { ModelPrice } from '../../../shared/domain/model';

interface PriceRow {
  model: string;
  input_per_m: number;
  output_per_m: number;
  cached_input_per_m: number | null;
  training_per_m: number | null;
  updated_at: number;
}

const toPrice = (r: PriceRow): ModelPrice => ({
  model: r.model,
  inputPerM: r.input_per_m,
  outputPerM: r.output_per_m,
  cachedInputPerM: r.cached_input_per_m,
  trainingPerM: r.training_per_m,
  updatedAt: r.updated_at,
});

/** The project's editable price table (USD per million tokens). */
export class PricesRepo {
  /** Every model call prices itself from this table: read once, and again only after this repo changed it. */
  private cached: ModelPrice[] | null = null;

  constructor(private readonly db: Database.Database) {}

  list(): ModelPrice[] {
    this.cached ??= (this.db.prepare('SELECT * FROM model_prices ORDER BY model').all() as PriceRow[]).map(toPrice);
    return this.cached;
  }

  upsert(p: ModelPrice): void {
    this.cached = null;
    this.db
      .prepare(
        `INSERT INTO model_prices (model, input_per_m, output_per_m, cached_input_per_m, training_per_m, updated_at)
         VALUES (@model, @inputPerM, @outputPerM, @cachedInputPerM, @trainingPerM, @updatedAt)
         ON CONFLICT(model) DO UPDATE SET input_per_m = excluded.input_per_m, output_per_m = excluded.output_per_m,
           cached_input_per_m = excluded.cached_input_per_m, training_per_m = excluded.training_per_m, updated_at = excluded.updated_at`,
      )
      .run(p);
  }

  remove(model: string): boolean {
    this.cached = null;
    return this.db.prepare('DELETE FROM model_prices WHERE model = ?').run(model).changes > 0;
  }
}
