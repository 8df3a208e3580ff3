// Training-set size confounds a comparison of fine-tuned models: a hybrid of 32 examples against a
// real-only set of 327 tests the amount of data as much as its kind. One rule for the dataset
// builder, the evaluation run and its report.

/** Datasets compared should be within 20% of each other's size. */
export const SIZE_TOLERANCE = 0.2;

/**
 * A warning when the smallest dataset is more than 20% below the largest, naming both; null when
 * they match (or fewer than two have a size).
 */
export function datasetSizeWarning(items: readonly { label: string; examples: number | null | undefined }[]): string | null {
  const sized = items.filter((i): i is { label: string; examples: number } => typeof i.examples === 'number' && i.examples > 0);
  if (sized.length < 2) return null;
  const largest = sized.reduce((a, b) => (b.examples > a.examples ? b : a));
  const smallest = sized.reduce((a, b) => (b.examples < a.examples ? b : a));
  if (smallest.examples >= (1 - SIZE_TOLERANCE) * largest.examples) return null;
  const gap = Math.round((1 - smallest.examples / largest.examples) * 100);
  return `Training-set sizes differ by ${gap}%: ${smallest.label} has ${smallest.examples} examples, ${largest.label} ${largest.examples}. A difference between the models may come from the amount of data rather than its kind; build the datasets to the same size ("same size as…") to compare them fairly.`;
}
