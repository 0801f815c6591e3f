/** One printed figure of `npm run bench`. */
export interface BenchRow {
  /** What was measured, e.g. "sign-ups per second (server, loopback)". */
  name: string;
  value: number;
  unit: string;
  /** The peer or baseline measured in the same run, when there is one. */
  peer?: { name: string; value: number };
  /** Lower is better for times and sizes; higher for throughput. */
  better: 'lower' | 'higher';
  /** A goal or budget to print beside the figure, e.g. "≤ 20 KB". */
  goal?: string;
}

/** Prints rows as an aligned table, with the ratio to the peer where one exists. */
export function printRows(title: string, rows: BenchRow[]) {
  console.log(`\n${title}`);
  for (const row of rows) {
    const value = `${format(row.value)} ${row.unit}`;
    const ratio = row.peer
      ? `  ${format(row.value / row.peer.value)}× ${row.peer.name} (${format(row.peer.value)} ${row.unit})`
      : '';
    const goal = row.goal ? `  [goal ${row.goal}]` : '';
    console.log(`  ${row.name.padEnd(58)} ${value.padStart(14)}${ratio}${goal}`);
  }
}

function format(n: number) {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}
