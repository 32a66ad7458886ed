import { readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  corpusCases,
  findLighttpd,
  firstOutputLine,
  prepareScratch,
  runCorpusCase,
  runLighttpd,
  stripRunSpecificLines,
  type OracleVersion,
} from './oracle.js';
import { makeCorpus } from './test-corpus.js';

/** 001 includes a sibling (and a link to it) and reads env.HOME; 002 reads an unset env var. */
function makeOracleCorpus() {
  return makeCorpus([
    {
      id: '001',
      conf: 'server.document-root = "/srv"\ninclude "conf.d/port.conf"\nvar.home = env.HOME\n',
      notes: ['sibs:1', 'CRLF'],
      siblings: { 'conf.d/port.conf': 'server.port = 8080\n', 'conf.d/link.conf': { link: 'port.conf' } },
    },
    {
      id: '002',
      conf: 'server.name = env.HOSTNAME\n',
      tRc: 255,
      tFirstLine: 'Undefined env variable: HOSTNAME',
      notes: ['reject:undefined-env-var'],
    },
  ]);
}

describe('corpus files', () => {
  it('reads index.tsv into typed rows', () => {
    const { dir } = makeOracleCorpus();
    const rows = corpusCases(dir);
    expect(rows.map((r) => [r.id, r.tRc, r.bytes, r.lines, r.tFirstLine, r.notes])).toEqual([
      ['001', 0, 77, 3, 'Syntax OK', ['sibs:1', 'CRLF']],
      ['002', 255, 27, 1, 'Undefined env variable: HOSTNAME', ['reject:undefined-env-var']],
    ]);
  });

  it('re-creates the scratch directory with siblings and the config, links kept', () => {
    const { dir, scratchRoot } = makeOracleCorpus();
    const scratch = prepareScratch(dir, '001', scratchRoot);
    writeFileSync(join(scratch, 'stale'), 'left by an earlier run');
    expect(prepareScratch(dir, '001', scratchRoot)).toBe(scratch);
    expect(readFileSync(join(scratch, 'conf.d/port.conf'), 'utf8')).toBe('server.port = 8080\n');
    expect(readlinkSync(join(scratch, 'conf.d/link.conf'))).toBe('port.conf');
    expect(readFileSync(join(scratch, '001.conf'), 'utf8')).toContain('include "conf.d/port.conf"');
    expect(() => readFileSync(join(scratch, 'stale'))).toThrow();
  });

  it('strips var.CWD and var.PID lines and records the first output line like index.tsv', () => {
    expect(stripRunSpecificLines('config {\n    var.CWD  = "/x"\n    var.PID  = 1\n    a = 1\n}\n')).toBe('config {\n    a = 1\n}\n');
    const failed = { status: 255, stdout: '', stderr: '\n2024-01-02 03:04:05: (configfile.c.1) source:\tx line: 1\n' };
    expect(firstOutputLine(failed)).toBe('(configfile.c.1) source: x line: 1');
    expect(firstOutputLine({ status: 0, stdout: 'Syntax OK\n', stderr: 'warning\n' })).toBe('Syntax OK');
  });
});

// lighttpd-dependent tests skip where lighttpd is not installed, except in CI (LHCONF_REQUIRE_LIGHTTPD=1).
const required = process.env.LHCONF_REQUIRE_LIGHTTPD === '1';
for (const version of ['1.4.69', '1.4.79'] as OracleVersion[]) {
  const runner = findLighttpd(version);
  describe.skipIf(!runner && !required)(`lighttpd ${version}`, () => {
    it('is installed', () => {
      expect(runner, `lighttpd ${version} not found: run scripts/lighttpd/install.sh`).toBeDefined();
    });

    it('accepts and prints a corpus case run from its scratch directory with the minimal environment', () => {
      const { dir, scratchRoot } = makeOracleCorpus();
      const run = runCorpusCase(runner!, dir, '001', { scratchRoot });
      expect(run.t.status).toBe(0);
      expect(run.t.firstLine).toBe('Syntax OK');
      // env.HOME is the recorded one, not this process's: nothing else of process.env leaks in.
      expect(run.printed).toContain('var.home             = "/nonexistent"');
      expect(run.printed).toContain('server.port          = 8080');
      expect(run.printed).not.toMatch(/var\.(CWD|PID)/);
    });

    it('rejects an unset env variable', () => {
      const { dir, scratchRoot } = makeOracleCorpus();
      const run = runCorpusCase(runner!, dir, '002', { scratchRoot });
      expect(run.t.status).toBe(255);
      expect(run.t.firstLine).toContain('HOSTNAME');
      expect(run.printed).toBeUndefined();
    });

    it('passes stdin (`-f -`)', () => {
      const r = runLighttpd(runner!, ['-t', '-f', '-'], {
        cwd: '/', env: { PATH: '/usr/bin:/bin' }, stdin: 'server.port = 80\n', timeoutMs: 10_000,
      });
      expect(r).toMatchObject({ status: 0, stdout: 'Syntax OK\n' });
    });

    it('stops a run at its timeout', () => {
      const r = runLighttpd(runner!, ['-t', '-f', '-'], {
        cwd: '/', env: { PATH: '/usr/bin:/bin' }, stdin: 'include_shell "sleep 5"\n', timeoutMs: 300,
      });
      expect(r).toMatchObject({ status: null, killedBy: 'timeout' });
    });
  });
}
