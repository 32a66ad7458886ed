/**
 * The benchmark configs: generated into a git-ignored folder, and checked with `lighttpd -t` so that
 * every figure is about a config lighttpd really accepts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateConfig, LIGHTTPD_MAX_BLOCKS, sliceForLighttpd } from './generate.js';

export interface BenchConfig {
  /** `200`, `1k`, `2k`, `15k`, `150k`: the size asked for, in lines. */
  label: string;
  path: string;
  text: string;
  bytes: number;
  lines: number;
  blocks: number;
  vhosts: number;
  /** False when lighttpd aborts on this many blocks: compare lhconf alone. */
  lighttpdCanRun: boolean;
  /** `lighttpd -t` verdict: `ok`, `ok in N slices`, or what went wrong; n/a without lighttpd. */
  check: string;
}

const SIZES = [
  { label: '200', lines: 200 },
  { label: '1k', lines: 1_000 },
  { label: '2k', lines: 2_000 },
  { label: '15k', lines: 15_000 },
  { label: '150k', lines: 150_000 },
] as const;

export type SizeLabel = (typeof SIZES)[number]['label'];

export interface Lighttpd {
  path: string;
  version: string;
}

/** The lighttpd to compare with: `$LIGHTTPD`, /usr/sbin/lighttpd, or the first on PATH; undefined when none runs. */
export function findLighttpd(): Lighttpd | undefined {
  const candidates = [process.env.LIGHTTPD, '/usr/sbin/lighttpd', 'lighttpd'].filter((c): c is string => !!c);
  for (const path of candidates) {
    const r = spawnSync(path, ['-v'], { encoding: 'utf8' });
    // "lighttpd/1.4.69 (ssl) - a light and fast webserver"
    const version = /^lighttpd\/(\S+)/.exec(r.stdout ?? '')?.[1];
    if (r.status === 0 && version) return { path, version };
  }
  return undefined;
}

/** `lighttpd -t -f file` from `cwd`: `ok`, or the reason it was refused. */
export function checkWithLighttpd(lighttpd: Lighttpd, file: string, cwd: string): string {
  const r = spawnSync(lighttpd.path, ['-t', '-f', file], { cwd, encoding: 'utf8' });
  // Anything besides "Syntax OK" (warnings about module order, deprecated keys…) would make the config unrealistic.
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`
    .split('\n')
    .map((line) => line.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d: /, '').trim())
    .filter((line) => line !== '' && line !== 'Syntax OK');
  if (r.status === 0 && output.length === 0) return 'ok';
  return `exit ${r.status ?? r.signal}: ${output[0] ?? '(no output)'}`;
}

/** Writes every benchmark config into `dir` (only when its bytes changed) and checks each with lighttpd. */
export function prepareConfigs(dir: string, lighttpd: Lighttpd | undefined): BenchConfig[] {
  mkdirSync(dir, { recursive: true });
  return SIZES.map(({ label, lines }) => {
    const generated = generateConfig({ lines });
    const path = join(dir, `bench-${label}.conf`);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== generated.text) writeFileSync(path, generated.text);
    const lighttpdCanRun = generated.blocks <= LIGHTTPD_MAX_BLOCKS;
    let check = 'n/a (lighttpd not found)';
    if (lighttpd && lighttpdCanRun) check = checkWithLighttpd(lighttpd, path, dir);
    else if (lighttpd) {
      // Too many blocks for lighttpd to run at all: check the same text in slices it can run.
      const slices = sliceForLighttpd(generated);
      const sliceDir = join(dir, 'slices');
      mkdirSync(sliceDir, { recursive: true });
      const verdicts = slices.map((text, i) => {
        const slicePath = join(sliceDir, `bench-${label}.${i}.conf`);
        writeFileSync(slicePath, text);
        return checkWithLighttpd(lighttpd, slicePath, dir);
      });
      rmSync(sliceDir, { recursive: true, force: true });
      const bad = verdicts.find((v) => v !== 'ok');
      check = bad ?? `ok in ${slices.length} slices`;
    }
    return {
      label,
      path,
      text: generated.text,
      bytes: Buffer.byteLength(generated.text),
      lines: generated.lines,
      blocks: generated.blocks,
      vhosts: generated.vhosts,
      lighttpdCanRun,
      check,
    };
  });
}
