import * as path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { evaluateFile, type EvaluateResult } from '@lhconf/parser';
import { diskFs, formatTrace, manifestFs, simulate, type FsView, type SimRequest } from '@lhconf/simulate';
import { diagnosticLine } from '../diagnostic-line.js';
import { nodeIo, type Io } from '../io.js';

export interface ExplainArgs {
  config: string;
  url: string;
  host?: string;
  method?: string;
  scheme?: string;
  remoteIp?: string;
  socket?: string;
  header?: string[];
  fs?: string;
  docrootFromDisk?: boolean;
  json?: boolean;
}

/** Evaluates CONFIG from the working directory, as lighttpd would be started; undefined when it cannot run. */
export function loadConfig(config: string, io: Io): EvaluateResult | undefined {
  const result = evaluateFile(config, { cwd: io.cwd, env: io.env, ...(io.evaluateFs && { fs: io.evaluateFs }) });
  for (const d of result.diagnostics) if (d.severity === 'error') io.stderr(`${diagnosticLine(d)}\n`);
  return result.fatal ? undefined : result;
}

/** The file system view named by --fs (a JSON list of existing paths) or --docroot-from-disk. */
export async function loadFs(args: { fs?: string; docrootFromDisk?: boolean }, io: Io): Promise<FsView | string | undefined> {
  if (args.docrootFromDisk) return diskFs();
  if (!args.fs) return undefined;
  try {
    const list = JSON.parse(Buffer.from(await io.readFile(path.resolve(io.cwd, args.fs))).toString('utf8')) as unknown;
    if (!Array.isArray(list) || !list.every((p) => typeof p === 'string')) return `${args.fs}: error: expected a JSON array of paths`;
    return manifestFs(list);
  } catch (err) {
    return `${args.fs}: error: ${(err as Error).message}`;
  }
}

/**
 * `lhconf explain CONFIG --url /path?query`: how lighttpd handles one request — every condition, rewrite,
 * redirect, access and auth decision, the handler and why, and the effective settings with file:line.
 * Exit 0: explained; 1: lighttpd would refuse the config; 2: bad usage or unreadable input.
 */
export async function runExplain(args: ExplainArgs, io: Io): Promise<number> {
  const headers: Record<string, string> = {};
  for (const h of args.header ?? []) {
    const colon = h.indexOf(':');
    if (colon <= 0) {
      io.stderr(`lhconf explain: --header: expected "Name: value", got "${h}"\n`);
      return 2;
    }
    headers[h.slice(0, colon).trim()] = h.slice(colon + 1).trim();
  }
  if (args.scheme && args.scheme !== 'http' && args.scheme !== 'https') {
    io.stderr(`lhconf explain: --scheme: expected http or https, got "${args.scheme}"\n`);
    return 2;
  }
  if ((await io.stat(path.resolve(io.cwd, args.config)))?.isFile !== true) {
    io.stderr(`${args.config}: error: cannot read\n`);
    return 2;
  }
  const fs = await loadFs(args, io);
  if (typeof fs === 'string') {
    io.stderr(`${fs}\n`);
    return 2;
  }
  const evaluated = loadConfig(args.config, io);
  if (!evaluated) return 1;
  const request: SimRequest = {
    url: args.url, method: args.method ?? 'GET', scheme: (args.scheme as 'http' | 'https' | undefined) ?? 'http', headers,
    ...(args.host !== undefined && { host: args.host }), ...(args.remoteIp !== undefined && { remoteIp: args.remoteIp }),
    ...(args.socket !== undefined && { socket: args.socket }),
  };
  const result = simulate(evaluated, request, fs ? { fs } : {});
  io.stdout(args.json ? `${JSON.stringify({ request, ...result }, null, 2)}\n` : formatTrace(result));
  return 0;
}

export const explainCommand: CommandModule<object, ExplainArgs> = {
  command: 'explain <config>',
  describe: 'Show how lighttpd would handle one request: conditions, rewrites, access, handler, settings',
  builder: (yargs: Argv<object>) =>
    yargs
      .positional('config', { type: 'string', demandOption: true, describe: 'main config file' })
      .option('url', { type: 'string', demandOption: true, requiresArg: true, describe: 'request target: /path?query' })
      .option('host', { type: 'string', requiresArg: true, describe: 'Host header' })
      .option('method', { type: 'string', requiresArg: true, default: 'GET', describe: 'request method' })
      .option('scheme', { type: 'string', requiresArg: true, choices: ['http', 'https'], describe: 'request scheme' })
      .option('remote-ip', { type: 'string', requiresArg: true, describe: 'client address (default 127.0.0.1)' })
      .option('socket', { type: 'string', requiresArg: true, describe: 'listening socket the request arrives on, e.g. :443' })
      .option('header', { type: 'string', array: true, requiresArg: true, describe: 'request header "Name: value" (repeatable)' })
      .option('fs', { type: 'string', requiresArg: true, describe: 'JSON list of existing paths (answers file checks)' })
      .option('docroot-from-disk', { type: 'boolean', describe: 'answer file checks from this machine\'s disk' })
      .option('json', { type: 'boolean', describe: 'print the trace as JSON' })
      .example('$0 explain lighttpd.conf --url "/index.php?x=1" --host example.com', 'trace one request') as unknown as Argv<ExplainArgs>,
  handler: async (argv: ArgumentsCamelCase<ExplainArgs>) => {
    process.exitCode = await runExplain(argv, nodeIo);
  },
};
