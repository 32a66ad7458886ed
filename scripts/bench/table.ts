/** Plain-text tables with aligned columns for `pnpm bench`. */

/** A column's title and alignment (numbers read best right-aligned). */
export type Column = readonly [title: string, align: 'left' | 'right'];

/** Renders `rows` under `columns`; a `null` row is a blank separator line. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[] | null)[]): string {
  const widths = columns.map((col, i) => Math.max(col[0].length, ...rows.map((row) => (row ? row[i]!.length : 0))));
  const renderRow = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (columns[i]![1] === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const lines = [renderRow(columns.map((col) => col[0])), renderRow(widths.map((w) => '-'.repeat(w)))];
  for (const row of rows) lines.push(row ? renderRow(row) : '');
  return lines.join('\n');
}
