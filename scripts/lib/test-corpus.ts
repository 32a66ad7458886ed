/** Builds small corpora (index.tsv, NNN.conf, NNN.d/, NNN.p.txt) in temporary directories for tests. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TestCase {
  id: string;
  conf: string;
  tRc?: number;
  tFirstLine?: string;
  notes?: string[];
  /** NNN.d/ files by relative path; a value `{ link }` makes a symbolic link. */
  siblings?: Record<string, string | { link: string }>;
  /** NNN.p.txt. */
  printed?: string;
}

/** index.tsv's `lines`: a final line without a newline still counts. */
function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') || text === '' ? 1 : 0);
}

const header = 'id\tsource\trepo\tpath\tcommit\tbytes\tlines\tt_rc\tt_first_line\tnotes';

/** Writes the corpus and returns its directory and a fresh scratch root for it. */
export function makeCorpus(cases: readonly TestCase[]): { dir: string; scratchRoot: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lhconf-corpus-'));
  const rows = cases.map((c) => {
    const tRc = c.tRc ?? 0;
    const cols = [c.id, 'github', 'a/b', `${c.id}.conf`, 'abc', Buffer.byteLength(c.conf), lineCount(c.conf)];
    return [...cols, tRc, c.tFirstLine ?? (tRc === 0 ? 'Syntax OK' : 'rejected'), (c.notes ?? []).join('; ')].join('\t');
  });
  writeFileSync(join(dir, 'index.tsv'), `${[header, ...rows].join('\n')}\n`);
  for (const c of cases) {
    writeFileSync(join(dir, `${c.id}.conf`), c.conf);
    if (c.printed !== undefined) writeFileSync(join(dir, `${c.id}.p.txt`), c.printed);
    for (const [path, content] of Object.entries(c.siblings ?? {})) {
      const file = join(dir, `${c.id}.d`, path);
      mkdirSync(dirname(file), { recursive: true });
      if (typeof content === 'string') writeFileSync(file, content);
      else symlinkSync(content.link, file);
    }
  }
  return { dir, scratchRoot: mkdtempSync(join(tmpdir(), 'lhconf-scratch-')) };
}
