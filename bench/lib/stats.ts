/** Nearest-rank percentile (p in 0–100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function mean(samples: readonly number[]): number {
  return samples.length === 0 ? Number.NaN : samples.reduce((a, b) => a + b, 0) / samples.length;
}

/**
 * Requests per window from `from` to the last timestamp: the herd bench's peak over mean. Empty
 * windows in between count (a lull is part of the mean), windows before `from` do not.
 */
export function windowCounts(timestamps: readonly number[], from: number, windowMs: number): number[] {
  const after = timestamps.filter((t) => t >= from);
  if (after.length === 0) return [];
  const last = Math.max(...after);
  const counts = new Array<number>(Math.floor((last - from) / windowMs) + 1).fill(0);
  for (const t of after) {
    const i = Math.floor((t - from) / windowMs);
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

export function peakOverMean(counts: readonly number[]): { peak: number; mean: number; ratio: number } {
  if (counts.length === 0) return { peak: 0, mean: 0, ratio: Number.NaN };
  const peak = Math.max(...counts);
  const m = mean(counts);
  return { peak, mean: m, ratio: peak / m };
}
