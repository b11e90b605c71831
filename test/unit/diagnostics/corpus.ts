// Loads the corpus of real error texts (test/fixtures/errors/corpus.json), collected from public issue threads
// with the cause each thread settled on. The JSON is read from the source tree, since the build copies only .ts.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { categories, type Category } from '../../../src/diagnostics/types.js';

export interface CorpusEntry {
  readonly id: string;
  readonly source: string;
  readonly tool: string;
  readonly text: string;
  readonly expectedCategory: Category;
  readonly settledCause: string;
  /**
   * "development": texts the rules were written against; "held-out": texts collected afterwards and classified
   * before any rule was changed, which measures how well the rules generalise.
   */
  readonly batch: 'development' | 'held-out';
}

/** The repository root: the nearest directory above this file that has a package.json. */
function findRepositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      readFileSync(join(dir, 'package.json'));
      return dir;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) throw new Error('package.json not found above the test file');
      dir = parent;
    }
  }
}

export function loadCorpus(): CorpusEntry[] {
  const path = join(findRepositoryRoot(), 'test', 'fixtures', 'errors', 'corpus.json');
  const entries = JSON.parse(readFileSync(path, 'utf8')) as CorpusEntry[];
  for (const entry of entries) {
    if (!(categories as readonly string[]).includes(entry.expectedCategory)) {
      throw new Error(`${entry.id}: unknown category ${entry.expectedCategory}`);
    }
  }
  return entries;
}
