// A borderless, column-aligned table (cli-table3), shared by the profiles and doctor renderers: it reads well in a
// terminal and stays greppable when piped.
import Table from 'cli-table3';

export function renderPlainTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const table = new Table({
    head: [...head],
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
      bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
    },
    // Colour is the caller's business (already applied to the cells, or not at all).
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
  });
  for (const row of rows) table.push([...row]);
  // cli-table3 pads the last column too; trailing blanks only get in the way of diffs and greps.
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
