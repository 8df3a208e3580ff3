// Holm–Bonferroni step-down adjustment (Holm 1979, "A simple sequentially rejective multiple test
// procedure", Scand. J. Statist. 6:65–70), in the adjusted-p form R's p.adjust(method = "holm")
// returns: sort ascending, p_(i) · (m − i + 1) for i = 1…m, running maximum, capped at 1.
// Rejecting where the adjusted p ≤ α controls the family-wise error rate at α.

/** Holm-adjusted p-values in the order given. Every input must be a probability. */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  for (const p of pValues) if (!(p >= 0 && p <= 1)) throw new RangeError(`holm() takes p-values in [0, 1], got ${p}`);
  // A stable sort keeps equal p-values in input order, so the result does not depend on the engine.
  const order = pValues.map((_, i) => i).sort((i, j) => pValues[i]! - pValues[j]! || i - j);
  const adjusted = new Array<number>(m);
  let runningMax = 0;
  order.forEach((index, rank) => {
    runningMax = Math.max(runningMax, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = runningMax;
  });
  return adjusted;
}
