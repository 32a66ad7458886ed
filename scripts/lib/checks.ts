/**
 * Conformance checks: each compares lhconf with lighttpd on one corpus case. A check is a row in
 * `checks`; a new section (lint recall, formatter idempotence…) is a new row plus, if it needs more
 * than `CaseData` holds, a new field filled in by `collectCase`.
 */
import type { LhconfAdapter, LhconfOutcome } from './lhconf-adapter.js';
import {
  caseFileName,
  corpusEnv,
  hasNote,
  prepareScratch,
  recordedPrint,
  runCorpusCase,
  runLighttpd,
  stripRunSpecificLines,
  type CorpusRow,
  type CorpusRun,
  type LighttpdRunner,
} from './oracle.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyMessages, isRecalled, type LintFinding, type MessageClass } from './lint-recall.js';
import { firstDifference, unifiedDiff } from './text-diff.js';

/** The release the corpus verdicts were recorded with (Debian 12's package). */
export const corpusTargetVersion = '1.4.69';

/** Everything known about one corpus case once lhconf and (if installed) lighttpd have run on it. */
export interface CaseData {
  row: CorpusRow;
  lhconf: LhconfOutcome;
  /** NNN.p.txt: the recorded `-p` output without var.CWD/var.PID. */
  recordedPrint?: string;
  /** A live run of the installed lighttpd 1.4.69. */
  live?: CorpusRun;
  /** Live `lighttpd -p` of the config after lhconf formatted its main file (less var.CWD/var.PID). */
  formattedPrint?: string;
}

/** The `-tt` messages of a live run, each with what it means for lint recall. */
function ttMessages(c: CaseData): { line: string; cls: MessageClass }[] {
  const stderr = c.live?.tt.stderr ?? '';
  return classifyMessages(
    stderr.split('\n').filter((line) => line.trim() !== ''),
    corpusTargetVersion,
  );
}

function problems(c: CaseData) {
  return ttMessages(c).filter((m): m is { line: string; cls: Extract<MessageClass, { kind: 'problem' }> } => m.cls.kind === 'problem');
}

/** A failed case that a listed exception explains carries its `exception`: it still counts as failed. */
export type Verdict = { pass: true } | { pass: false; reason: string; diff?: string; exception?: string };

/**
 * Where lhconf disagrees with lighttpd on purpose: each entry names the diagnostics it covers (rule and
 * messageId) and says why. A case all of whose offending diagnostics are covered is still a mismatch — the
 * figure stays honest — but is shown as this exception, and `renderReport` lists every exception with its
 * reason. An entry is removed, not kept, once lhconf changes its mind.
 */
export interface ListedException {
  check: 'lintQuiet';
  ruleId: string;
  messageId: string;
  reason: string;
}

export const listedExceptions: readonly ListedException[] = [
  {
    check: 'lintQuiet',
    ruleId: 'syntax',
    messageId: 'ignored-token',
    reason:
      'lighttpd 1.4.69 drops tokens its parser cannot use without a word (an array element after a missing ","), so the config does not mean what it says; newer releases reject it. lhconf keeps it an error.',
  },
];

/** How a mismatch names its exception (`syntax/ignored-token`). */
const exceptionName = (e: ListedException) => `${e.ruleId}/${e.messageId}`;

/** The exception that covers every one of `findings`, if one does. */
function exceptionFor(check: ListedException['check'], findings: readonly LintFinding[]): ListedException | undefined {
  const covering = (f: LintFinding) => listedExceptions.find((e) => e.check === check && e.ruleId === f.ruleId && e.messageId === f.messageId);
  const first = findings[0] && covering(findings[0]);
  return first && findings.every((f) => covering(f) === first) ? first : undefined;
}

export interface Check {
  /** The row label in the summary table. */
  title: string;
  /** Share (0–1) of applicable cases that must pass; without it the check is reported only. */
  threshold?: number;
  applies(c: CaseData): boolean;
  judge(c: CaseData): Verdict;
}

const pass: Verdict = { pass: true };

/** `var.PID` changes every run, so values built from it cannot match a recording (rerun.sh skips them too). */
function printVaries(row: CorpusRow): boolean {
  return hasNote(row, 'p-output-varies-per-run');
}

function lhconfRejection(lhconf: LhconfOutcome): string | undefined {
  return lhconf.crash ?? lhconf.fatalErrors[0];
}

function comparePrint(expected: string | undefined, lhconf: LhconfOutcome, against: string): Verdict {
  if (expected === undefined) return pass;
  const rejection = lhconfRejection(lhconf);
  if (lhconf.printed === undefined) return { pass: false, reason: `lhconf printed nothing: ${rejection ?? 'no output'}` };
  const reason = firstDifference(expected, lhconf.printed, { expected: against, actual: 'lhconf' });
  if (reason === undefined) return pass;
  return { pass: false, reason, diff: unifiedDiff(expected, lhconf.printed, { expected: against, actual: 'lhconf' }) };
}

export const checks = {
  accepted: {
    title: 'accepted → accepted',
    applies: (c) => c.row.tRc === 0,
    judge: (c) => {
      const rejection = lhconfRejection(c.lhconf);
      return rejection === undefined ? pass : { pass: false, reason: `lhconf: ${rejection}; lighttpd: ${c.row.tFirstLine}` };
    },
  },
  rejected: {
    title: 'rejected → rejected',
    threshold: 1,
    applies: (c) => c.row.tRc !== 0,
    judge: (c) => {
      if (c.lhconf.crash !== undefined) return { pass: false, reason: `lhconf crashed: ${c.lhconf.crash}` };
      return c.lhconf.fatalErrors.length > 0
        ? pass
        : { pass: false, reason: `lhconf accepted; lighttpd: ${c.row.tFirstLine}` };
    },
  },
  print: {
    title: 'print identical (recorded -p)',
    threshold: 0.98,
    applies: (c) => c.row.tRc === 0 && c.recordedPrint !== undefined && !printVaries(c.row),
    judge: (c) => comparePrint(c.recordedPrint, c.lhconf, 'recorded'),
  },
  printLive: {
    title: 'print identical (live 1.4.69 -p)',
    applies: (c) => c.live?.printed !== undefined && !printVaries(c.row),
    judge: (c) => comparePrint(c.live?.printed, c.lhconf, 'lighttpd'),
  },
  lintRecall: {
    title: 'lint: -tt problems reported (configs)',
    applies: (c) => c.lhconf.lint !== undefined && c.live?.t.status === 0 && problems(c).length > 0,
    judge: (c) => {
      const missed = problems(c).filter((p) => !isRecalled(p.cls, c.lhconf.lint ?? []));
      return missed.length === 0
        ? pass
        : { pass: false, reason: `no ${missed.map((p) => `${p.cls.rules.join('/')} for "${p.line.slice(0, 100)}"`).join('; ')}` };
    },
  },
  lintQuiet: {
    title: 'lint: no error where -tt is silent',
    applies: (c) => c.lhconf.lint !== undefined && c.live?.tt.status === 0 && ttMessages(c).length === 0,
    judge: (c) => {
      const errors = (c.lhconf.lint ?? []).filter((f) => f.severity === 'error');
      if (errors.length === 0) return pass;
      const reason = errors.map((f) => `${f.where} ${f.ruleId}: ${f.message}`).slice(0, 3).join(' | ');
      const exception = exceptionFor('lintQuiet', errors);
      return exception ? { pass: false, reason, exception: exceptionName(exception) } : { pass: false, reason };
    },
  },
  lintClassified: {
    title: 'lint: -tt messages classified',
    applies: (c) => c.live?.t.status === 0 && ttMessages(c).length > 0,
    judge: (c) => {
      const unknown = ttMessages(c).filter((m) => m.cls.kind === 'unclassified');
      return unknown.length === 0 ? pass : { pass: false, reason: `unclassified: ${unknown.map((m) => m.line.slice(0, 120)).join(' | ')}` };
    },
  },
  lintCache: {
    title: 'lint cache: re-lints as fresh lints',
    threshold: 1,
    applies: (c) => c.lhconf.lintCache !== undefined,
    judge: (c) => {
      const outcome = c.lhconf.lintCache!;
      if (outcome.crash !== undefined) return { pass: false, reason: `threw: ${outcome.crash}` };
      return outcome.difference === undefined ? pass : { pass: false, reason: outcome.difference };
    },
  },
  formatIdempotent: {
    title: 'format: idempotent',
    threshold: 1,
    applies: (c) => c.lhconf.format?.output !== undefined || c.lhconf.format?.crash !== undefined,
    judge: (c) =>
      c.lhconf.format?.crash !== undefined
        ? { pass: false, reason: `formatter threw: ${c.lhconf.format.crash}` }
        : c.lhconf.format?.idempotent
          ? pass
          : { pass: false, reason: 'formatting the output again changes it' },
  },
  formatComments: {
    title: 'format: same comments, same order',
    threshold: 1,
    applies: (c) => c.lhconf.format?.output !== undefined,
    judge: (c) => (c.lhconf.format?.sameComments ? pass : { pass: false, reason: 'comments differ after formatting' }),
  },
  formatMeaning: {
    title: 'format: live -p unchanged',
    threshold: 1,
    applies: (c) => c.formattedPrint !== undefined && c.live?.printed !== undefined && !printVaries(c.row),
    judge: (c) => {
      const reason = firstDifference(c.live!.printed!, c.formattedPrint!, { expected: 'original', actual: 'formatted' });
      return reason === undefined ? pass : { pass: false, reason, diff: unifiedDiff(c.live!.printed!, c.formattedPrint!, { expected: 'original', actual: 'formatted' }) };
    },
  },
  // Not about lhconf: when the installed lighttpd no longer agrees with the recording, this machine
  // differs from the recording one (includes, helpers), and lhconf mismatches on that case may be the same.
  liveMatchesRecord: {
    title: 'live 1.4.69 = recorded (environment)',
    applies: (c) => c.live !== undefined,
    judge: (c) => {
      const live = c.live!;
      if (live.t.status !== c.row.tRc) {
        return { pass: false, reason: `-t exit ${String(live.t.status)} (recorded ${c.row.tRc}): ${live.t.firstLine}` };
      }
      if (printVaries(c.row) || c.recordedPrint === undefined) return pass;
      const reason = firstDifference(c.recordedPrint, live.printed ?? '', { expected: 'recorded', actual: 'live' });
      return reason === undefined
        ? pass
        : { pass: false, reason, diff: unifiedDiff(c.recordedPrint, live.printed ?? '', { expected: 'recorded', actual: 'live' }) };
    },
  },
} satisfies Record<string, Check>;

export type CheckId = keyof typeof checks;

export interface CollectOptions {
  corpusDir: string;
  adapter: LhconfAdapter;
  /** The installed lighttpd 1.4.69, when there is one. */
  live?: LighttpdRunner;
  scratchRoot?: string;
}

/** Runs lhconf (and the live lighttpd) on one case, each from a freshly prepared scratch directory. */
export function collectCase(row: CorpusRow, options: CollectOptions): CaseData {
  const cwd = prepareScratch(options.corpusDir, row.id, options.scratchRoot);
  const lhconf = options.adapter.evaluate({
    file: caseFileName(row.id),
    cwd,
    env: { ...corpusEnv },
    targetVersion: corpusTargetVersion,
  });
  const data: CaseData = { row, lhconf };
  const recorded = recordedPrint(options.corpusDir, row.id);
  if (recorded !== undefined) data.recordedPrint = recorded;
  if (options.live) {
    data.live = runCorpusCase(options.live, options.corpusDir, row.id, options.scratchRoot ? { scratchRoot: options.scratchRoot } : {});
    const formatted = lhconf.format?.output;
    if (formatted !== undefined && data.live.printed !== undefined) {
      // The same scratch folder (var.CWD must match), with the main file replaced by lhconf's formatting.
      const dir = prepareScratch(options.corpusDir, row.id, options.scratchRoot);
      writeFileSync(join(dir, caseFileName(row.id)), formatted);
      const p = runLighttpd(options.live, ['-p', '-f', caseFileName(row.id)], { cwd: dir, env: { ...corpusEnv }, timeoutMs: 30_000 });
      data.formattedPrint = p.status === 0 ? stripRunSpecificLines(p.stdout) : `lighttpd -p failed on the formatted file: ${p.stderr.trim()}`;
    }
  }
  return data;
}

export interface Mismatch {
  check: CheckId;
  id: string;
  reason: string;
  diff?: string;
  /** The listed exception that explains it (`ruleId/messageId`). */
  exception?: string;
}

export interface CheckSummary {
  check: CheckId;
  title: string;
  cases: number;
  passed: number;
  threshold?: number;
  /** False when a threshold is set and missed. */
  ok: boolean;
}

export interface Report {
  summaries: CheckSummary[];
  mismatches: Mismatch[];
  ok: boolean;
}

/** Judges every case by every check. */
export function judge(cases: readonly CaseData[]): Report {
  const summaries: CheckSummary[] = [];
  const mismatches: Mismatch[] = [];
  for (const [check, def] of Object.entries(checks) as [CheckId, Check][]) {
    let count = 0;
    let passed = 0;
    for (const c of cases) {
      if (!def.applies(c)) continue;
      count++;
      const verdict = def.judge(c);
      if (verdict.pass) { passed++; continue; }
      mismatches.push({
        check,
        id: c.row.id,
        reason: verdict.reason,
        ...(verdict.diff ? { diff: verdict.diff } : {}),
        ...(verdict.exception ? { exception: verdict.exception } : {}),
      });
    }
    const ok = def.threshold === undefined || count === 0 || passed / count >= def.threshold;
    summaries.push({ check, title: def.title, cases: count, passed, ...(def.threshold !== undefined ? { threshold: def.threshold } : {}), ok });
  }
  return { summaries, mismatches, ok: summaries.every((s) => s.ok) };
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

/**
 * The summary table, every mismatch, one line each (with the full diff when `verbose`), and every listed
 * exception of a check that ran, with its reason and the cases it explains.
 */
export function renderReport(report: Report, verbose: boolean): string {
  const rows = [
    ['check', 'cases', 'agree', '%', 'needed', ''],
    ...report.summaries.map((s) => [
      s.title,
      String(s.cases),
      String(s.passed),
      percent(s.passed, s.cases),
      s.threshold === undefined ? '(info)' : `≥${(s.threshold * 100).toFixed(0)}%`,
      s.ok ? '' : 'FAIL',
    ]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  const table = rows.map((r) => r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  ').trimEnd());
  const out = [...table];
  for (const s of report.summaries) {
    const list = report.mismatches.filter((m) => m.check === s.check);
    if (list.length === 0) continue;
    const excepted = list.filter((m) => m.exception !== undefined).length;
    const listed = excepted === 0 ? '' : ` (${excepted} explained by a listed exception)`;
    out.push('', `${s.title}: ${list.length} mismatch${list.length === 1 ? '' : 'es'}${listed}`);
    for (const m of list) {
      out.push(`  ${m.id}  ${m.exception ? `[listed exception ${m.exception}] ` : ''}${m.reason}`);
      if (verbose && m.diff) out.push(...m.diff.split('\n').map((l) => `      ${l}`));
    }
  }
  const ran = listedExceptions.filter((e) => report.summaries.some((s) => s.check === e.check && s.cases > 0));
  if (ran.length > 0) {
    out.push('', 'listed exceptions (lhconf differs from lighttpd on purpose; their cases still count as failed above):');
    for (const e of ran) {
      const ids = report.mismatches.filter((m) => m.check === e.check && m.exception === exceptionName(e)).map((m) => m.id);
      const title = report.summaries.find((s) => s.check === e.check)!.title;
      out.push(`  ${exceptionName(e)} in "${title}", ${ids.length === 0 ? 'no case now' : `cases ${ids.join(', ')}`}: ${e.reason}`);
    }
  }
  return out.join('\n');
}
