import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, CONFIG_FILE_NAMES, loadConfig, resolveFileConfig, type FileConfig, type LintConfig } from '@lhconf/lint';
import { resolveFormatOptions, type FormatOptions } from '@lhconf/format';

/** What applies to one open file: its lint config, the resolved per-file settings and format options. */
export interface FileSettings {
  config: LintConfig;
  /** The config file found, if any. */
  configFile?: string;
  fileConfig: FileConfig;
  /** A config that could not be read: shown as a diagnostic, and the defaults apply. */
  error?: string;
}

/** The files whose change makes the server reload settings (`workspace/didChangeWatchedFiles`). */
export const WATCHED_FILE_NAMES: readonly string[] = [...CONFIG_FILE_NAMES, '.editorconfig'];

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Finds and caches `.lhconfrc.json` / `lhconf.config.json` (lint) and the format options (those files'
 * `format` section and `.editorconfig`) per directory, as the CLI does; `reload()` forgets them all.
 */
export class SettingsCache {
  private readonly lint = new Map<string, Promise<{ config: LintConfig; file?: string; error?: string }>>();
  private readonly format = new Map<string, Promise<FormatOptions | string>>();

  reload(): void {
    this.lint.clear();
    this.format.clear();
  }

  async forFile(file: string): Promise<FileSettings> {
    const dir = path.isAbsolute(file) ? path.dirname(file) : process.cwd();
    let found = this.lint.get(dir);
    if (!found) {
      found = loadConfig(dir, readText).catch((err: unknown) => ({
        config: {},
        error: err instanceof ConfigError ? err.message : `cannot read the lhconf config: ${(err as Error).message}`,
      }));
      this.lint.set(dir, found);
    }
    const { config, file: configFile, error } = await found;
    return { config, ...(configFile && { configFile }), fileConfig: resolveFileConfig(config, file), ...(error && { error }) };
  }

  /** The format options for a file, or the reason they cannot be read. */
  async formatOptions(file: string): Promise<FormatOptions | string> {
    const key = path.isAbsolute(file) ? file : path.join(process.cwd(), 'untitled.conf');
    let found = this.format.get(key);
    if (!found) {
      found = resolveFormatOptions(key).catch((err: unknown) => (err as Error).message);
      this.format.set(key, found);
    }
    return found;
  }
}
