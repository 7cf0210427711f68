import { describe, expect, it } from 'vitest';
import { formatTable, judge, median, percentile } from '@test/bench/report';

describe('bench report', () => {
  it('judges a ratio goal on value / baseline and a plain goal on the value', () => {
    const ratio = judge({ id: 'P3', what: 'push', value: 130, baseline: 100, goal: 1.3, unit: 'ms', params: {} });
    expect(ratio).toMatchObject({ ratio: 1.3, pass: true, baseline: 100 });
    expect(judge({ id: 'P3', what: 'push', value: 131, baseline: 100, goal: 1.3, unit: 'ms', params: {} }).pass).toBe(false);
    const plain = judge({ id: 'P6', what: 'rss', value: 201, goal: 200, unit: 'MB', params: { counts: 1 } });
    expect(plain).toMatchObject({ baseline: null, ratio: null, pass: false, params: { counts: 1 } });
  });

  it('judges a strict goal with < and says so in the table', () => {
    const result = judge({ id: 'P5-rss', what: 'growth', value: 150, goal: 150, unit: 'MB', compare: 'below', params: {} });
    expect(result.pass).toBe(false);
    expect(formatTable([result])).toMatch(/< 150 MB\s+MISS/);
  });

  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 100)).toBe(100);
    expect(median([3, 1, 2])).toBe(2);
  });
});
