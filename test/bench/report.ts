/**
 * One measured figure with a goal, in the form `--json` writes (issue 8, "Interface"). `ratio` is
 * value / baseline when the goal is a ratio; otherwise `value` itself is judged against `goal`.
 */
export type BenchResult = {
  id: string;
  what: string;
  value: number;
  baseline: number | null;
  ratio: number | null;
  goal: number;
  unit: string;
  pass: boolean;
  params: Record<string, unknown>;
};

/** Goals judged with a strict `<` (P5's RSS growth) name it in their params, so the table can say so. */
const STRICT = 'goalStrictlyBelow';

export type Figure = {
  id: string;
  what: string;
  value: number;
  unit: string;
  goal: number;
  /** When present the goal applies to value / baseline. */
  baseline?: number;
  /** `max`: pass when at most the goal (every goal of issue 8); `below`: strictly less. */
  compare?: 'max' | 'below';
  params: Record<string, unknown>;
};

export function judge(figure: Figure): BenchResult {
  const ratio = figure.baseline === undefined ? null : figure.value / figure.baseline;
  const judged = ratio ?? figure.value;
  const pass = figure.compare === 'below' ? judged < figure.goal : judged <= figure.goal;
  return {
    id: figure.id,
    what: figure.what,
    value: round(figure.value),
    baseline: figure.baseline === undefined ? null : round(figure.baseline),
    ratio: ratio === null ? null : round(ratio),
    goal: figure.goal,
    unit: figure.unit,
    pass,
    params: figure.compare === 'below' ? { ...figure.params, [STRICT]: true } : figure.params,
  };
}

function round(value: number): number {
  return Number(value.toPrecision(4));
}

/** A readable table: one line per figure, the goal shown against what it is judged on. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = results.map((r) => [
    r.id,
    r.what,
    `${r.value} ${r.unit}`,
    r.baseline === null ? '-' : `${r.baseline} ${r.unit}`,
    r.ratio === null ? '-' : `${r.ratio}`,
    `${r.ratio === null ? '' : 'ratio '}${r.params[STRICT] ? '<' : '<='} ${r.goal}${r.ratio === null ? ` ${r.unit}` : ''}`,
    r.pass ? 'pass' : 'MISS',
  ]);
  const header = ['id', 'what', 'value', 'baseline', 'ratio', 'goal', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Percentile by nearest rank (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
