import { describe, expect, it } from 'vitest';
import { peakOverMean, percentile, windowCounts } from './stats';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles of unsorted samples', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 95)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile([], 95)).toBeNaN();
  });

  it('counts requests per window from the reopening, lulls included, earlier ones not', () => {
    expect(windowCounts([900, 1000, 1050, 1099, 1100, 1350], 1000, 100)).toEqual([3, 1, 0, 1]);
    expect(windowCounts([10, 20], 1000, 100)).toEqual([]);
  });

  it('gives the peak over the mean of the windows', () => {
    expect(peakOverMean([3, 1, 0, 0])).toEqual({ peak: 3, mean: 1, ratio: 3 });
    expect(peakOverMean([]).ratio).toBeNaN();
  });
});
