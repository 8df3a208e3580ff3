// What an evaluation found, in words: every significant pairwise difference (who scored higher than
// whom, on what, by how much with its interval, and the Holm-adjusted p), or a plain statement that
// nothing is. Shared by the report, the CLI and the Evaluate screen so all three say the same.
import { holmFamilyLabel, type EvalResults, type PairedComparison } from '../api/evaluation';

export const MINUS = '\u2212';

/** A number with a real minus sign (U+2212), never a hyphen. */
export function fixed(value: number | null | undefined, digits = 2): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  const text = Math.abs(value).toFixed(digits);
  return value < 0 && Number(text) !== 0 ? `${MINUS}${text}` : text;
}

/** A signed difference: +0.40, −0.40, 0.00. */
export function signedFixed(value: number | null | undefined, digits = 2): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  const text = fixed(value, digits);
  return value > 0 && Number(text) !== 0 ? `+${text}` : text;
}

export function pText(p: number | null | undefined): string {
  if (typeof p !== 'number' || !Number.isFinite(p)) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

export interface Finding {
  comparison: PairedComparison;
  higher: string;
  lower: string;
  /** higher − lower, with its interval oriented the same way. */
  difference: number;
  ci: { low: number; high: number } | null;
  text: string;
}

/** The interval excludes 0 while the Holm-corrected rank test is not significant. */
export function intervalDisagrees(c: PairedComparison): boolean {
  return !c.significant && c.ci !== null && (c.ci.low > 0 || c.ci.high < 0);
}

export function findings(results: EvalResults): Finding[] {
  const label = (id: string) => results.criteria.find((c) => c.id === id)?.label ?? id;
  const level = `${Math.round(results.bootstrap.level * 100)}% CI`;
  return results.comparisons
    .filter((c) => c.significant && c.meanDifference !== null)
    .map((c) => {
      // The rank test decides the direction; the mean difference agrees with it in all but odd cases.
      const aHigher = (c.wilcoxon?.effectSize ?? c.meanDifference!) > 0;
      const sign = aHigher ? 1 : -1;
      const difference = sign * c.meanDifference!;
      const ci = c.ci ? (aHigher ? c.ci : { low: -c.ci.high, high: -c.ci.low }) : null;
      const higher = aHigher ? c.a : c.b;
      const lower = aHigher ? c.b : c.a;
      const w = c.wilcoxon?.statistic;
      const text = `${higher} scored higher than ${lower} on ${label(c.criterion)}: difference ${signedFixed(difference)} [${ci ? `${fixed(ci.low)}, ${fixed(ci.high)}` : '—'}] (${level}), Wilcoxon W = ${fixed(w, w !== null && w !== undefined && Number.isInteger(w) ? 0 : 1)}, ${c.pHolm !== null && c.pHolm < 0.001 ? 'Holm p < 0.001' : `Holm p = ${pText(c.pHolm)}`}, ${c.n} scenarios.`;
      return { comparison: c, higher, lower, difference, ci, text };
    });
}

/** The sentence for a run where no comparison is significant, naming the family. */
export function noFindingText(results: EvalResults): string {
  const tests = results.comparisons.filter((c) => c.wilcoxon?.p !== null && c.wilcoxon?.p !== undefined).length;
  if (tests === 0) return 'No pairwise comparison could be tested (one model, or no scenario scored by two models).';
  const family = results.holm ? holmFamilyLabel(results.holm.family, tests) : `${tests} comparisons`;
  return `No pairwise difference is significant after Holm's correction over ${family} (α = ${results.holm?.alpha ?? 0.05}).`;
}
