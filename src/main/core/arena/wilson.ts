// Wilson score interval for a proportion (Wilson 1927; recommended for small counts by Newcombe 1998,
// "Two-sided confidence intervals for the single proportion", Stat. Med. 17:857–872, and Brown, Cai
// & DasGupta 2001). Unlike the normal (Wald) interval or a bootstrap of a handful of votes, it never
// collapses to a point when every vote went one way: 10 wins of 10 gives 0.72–1.00, not 1.00–1.00.
// A tie counts as half a win, so `successes` may be a multiple of 0.5.

const Z95 = 1.959963984540054;

export function wilsonInterval(successes: number, n: number, z = Z95): { low: number; high: number } | null {
  if (!(n > 0) || successes < 0 || successes > n) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
