/**
 * `pnpm conformance`: compares lhconf with lighttpd on every config of the shared corpus
 * (../shared/corpus, see its README): accept/reject against the recorded `lighttpd -t`, the printed
 * effective config against the recorded `lighttpd -p` and, when lighttpd 1.4.69 is installed, against a
 * live `lighttpd -p`. Each case runs as the verdict was recorded: from /tmp/lighttpd-corpus-run/NNN with
 * only PATH, HOME and LANG in the environment. Lint runs as `lhconf lint --standalone`, each file judged as the
 * whole config lighttpd was given (`lighttpd -tt -f NNN.conf`), conf.d snippets too. Checks, thresholds and
 * the listed exceptions live in scripts/lib/checks.ts.
 *
 *   pnpm conformance [--only 002,017] [--verbose] [--json out.json] [--corpus DIR] [--adapter parser|replay]
 */
import { existsSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { collectCase, judge, renderReport, type CaseData, type CollectOptions } from './lib/checks.js';
import { loadParserAdapter, replayAdapter, type LhconfAdapter } from './lib/lhconf-adapter.js';
import { corpusCases, findLighttpd, repoRoot, type CorpusRow, type LighttpdRunner } from './lib/oracle.js';

export interface ConformanceIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
}

const usage = `usage: pnpm conformance [options]
  --only NNN,…       run only these corpus ids
  --verbose          show the full diff of every print mismatch
  --json FILE        also write the results as JSON
  --corpus DIR       the corpus directory (default ../shared/corpus beside the repository)
  --adapter NAME     parser (lhconf, the default) or replay (recorded verdicts: the harness's self-test)
Environment: LHCONF_REQUIRE_LIGHTTPD=1 fails instead of skipping the live checks when lighttpd 1.4.69 is missing.`;

const adapters: Record<string, (corpusDir: string, rows: readonly CorpusRow[]) => Promise<LhconfAdapter>> = {
  parser: () => loadParserAdapter(),
  replay: async (corpusDir, rows) => replayAdapter(corpusDir, rows),
};

/** What tests replace: the lhconf adapter, the live lighttpd (null: none) and the scratch root. */
export interface ConformanceOverrides {
  adapter?: LhconfAdapter;
  live?: LighttpdRunner | null;
  scratchRoot?: string;
}

/** Runs the command; returns the exit code (0 agree, 1 below a threshold or cannot run, 2 usage). */
export async function runConformance(argv: readonly string[], io: ConformanceIo, overrides: ConformanceOverrides = {}): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        only: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        json: { type: 'string' },
        corpus: { type: 'string' },
        adapter: { type: 'string', default: 'parser' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    io.stderr(`${(e as Error).message}\n${usage}\n`);
    return 2;
  }
  if (args.help) { io.stdout(`${usage}\n`); return 0; }

  const corpusDir = resolve(repoRoot, args.corpus ?? '../shared/corpus');
  const shownCorpus = relative(repoRoot, corpusDir) || '.';
  if (!existsSync(`${corpusDir}/index.tsv`)) {
    io.stdout(`conformance skipped: ${shownCorpus} not found\n`);
    return 0;
  }
  let rows = corpusCases(corpusDir);
  if (args.only !== undefined) {
    const wanted = args.only.split(',').map((id) => id.trim()).filter((id) => id !== '');
    const unknown = wanted.filter((id) => !rows.some((r) => r.id === id));
    if (unknown.length > 0) { io.stderr(`--only: not in ${shownCorpus}/index.tsv: ${unknown.join(', ')}\n`); return 2; }
    rows = rows.filter((r) => wanted.includes(r.id));
  }

  const makeAdapter = adapters[args.adapter];
  if (!makeAdapter) { io.stderr(`--adapter: expected one of ${Object.keys(adapters).join(', ')}\n`); return 2; }
  let adapter: LhconfAdapter;
  try {
    adapter = overrides.adapter ?? (await makeAdapter(corpusDir, rows));
  } catch (e) {
    io.stderr(`conformance cannot run: ${(e as Error).message}\n`);
    return 1;
  }

  const live = overrides.live === undefined ? findLighttpd('1.4.69') : (overrides.live ?? undefined);
  if (!live && io.env.LHCONF_REQUIRE_LIGHTTPD === '1') {
    io.stderr('conformance cannot run: lighttpd 1.4.69 is not installed (scripts/lighttpd/install.sh) and LHCONF_REQUIRE_LIGHTTPD=1\n');
    return 1;
  }
  io.stdout(
    `conformance: ${rows.length} configs from ${shownCorpus}; lhconf via ${adapter.name}; ` +
      `live lighttpd 1.4.69: ${live ? live.command : 'not installed, live checks skipped'}\n` +
      'lint runs as `lhconf lint --standalone`: each file is judged as the whole config, as `lighttpd -tt -f NNN.conf` was run on it alone\n\n',
  );

  const started = Date.now();
  const collect: CollectOptions = { corpusDir, adapter, ...(live ? { live } : {}), ...(overrides.scratchRoot ? { scratchRoot: overrides.scratchRoot } : {}) };
  const cases: CaseData[] = rows.map((row) => collectCase(row, collect));
  const report = judge(cases);
  io.stdout(`${renderReport(report, args.verbose)}\n\n`);
  const cacheRuns = cases.flatMap((c) => (c.lhconf.lintCache ? [c.lhconf.lintCache] : []));
  if (cacheRuns.length > 0) {
    const versions = cacheRuns.reduce((n, r) => n + r.versions, 0);
    const replayed = cacheRuns.reduce((n, r) => n + r.replayed, 0);
    // The check means nothing if the cache never replayed anything: say how much it did.
    io.stdout(`lint cache: ${versions} versions of ${cacheRuns.length} configs linted both ways; ${replayed} statements replayed\n\n`);
  }

  if (args.json !== undefined) {
    const json = {
      corpus: corpusDir,
      adapter: adapter.name,
      lighttpd: live?.command ?? null,
      ok: report.ok,
      checks: report.summaries,
      mismatches: report.mismatches,
      cases: cases.map((c) => ({
        id: c.row.id,
        tRc: c.row.tRc,
        lhconfFatalErrors: c.lhconf.fatalErrors,
        ...(c.lhconf.crash !== undefined ? { lhconfCrash: c.lhconf.crash } : {}),
        ...(c.live ? { liveTRc: c.live.t.status } : {}),
      })),
    };
    writeFileSync(resolve(args.json), `${JSON.stringify(json, null, 2)}\n`);
  }

  const failed = report.summaries.filter((s) => !s.ok).map((s) => s.title);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  io.stdout(failed.length === 0 ? `conformance OK (${seconds}s)\n` : `conformance FAILED: below threshold: ${failed.join('; ')} (${seconds}s)\n`);
  return failed.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await runConformance(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  });
}
