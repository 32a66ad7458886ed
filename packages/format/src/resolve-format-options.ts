import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseEditorConfig, sectionMatches } from './editorconfig.js';
import { normalizeFormatOptions, type FormatOptions } from './options.js';

/** Reads a text file, or returns undefined when it does not exist. The CLI passes one built on its `Io`. */
export type ReadTextFile = (file: string) => Promise<string | undefined>;

const readFromDisk: ReadTextFile = async (file) => {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  }
};

/** The editorconfig properties lhconf reads, mapped to format options. */
function fromEditorConfig(props: Record<string, string>): Partial<FormatOptions> {
  const out: Partial<FormatOptions> = {};
  if (props['indent_style'] === 'tab') out.useTabs = true;
  else if (props['indent_style'] === 'space') out.useTabs = false;
  const size = props['indent_size'] === 'tab' ? props['tab_width'] : (props['indent_size'] ?? props['tab_width']);
  if (size && /^\d+$/.test(size) && Number(size) > 0) out.indentWidth = Number(size);
  const max = props['max_line_length'];
  if (max && /^\d+$/.test(max) && Number(max) > 0) out.lineWidth = Number(max);
  return out;
}

/**
 * The format options for `filePath`: defaults, overridden by the `.editorconfig` files above it (nearer ones
 * win, up to one with `root = true`), overridden by the `format` section of the nearest `.lhconfrc.json`.
 * Throws when `.lhconfrc.json` is not JSON or its `format` section holds an unknown or mistyped option.
 */
export async function resolveFormatOptions(filePath: string, readTextFile: ReadTextFile = readFromDisk): Promise<FormatOptions> {
  const file = path.resolve(filePath);
  const dirs: string[] = [];
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    dirs.push(dir);
    if (path.dirname(dir) === dir) break;
  }

  // Outermost first, so that nearer files and later sections override.
  const editorConfigs: { dir: string; text: string }[] = [];
  for (const dir of dirs) {
    const text = await readTextFile(path.join(dir, '.editorconfig'));
    if (text === undefined) continue;
    editorConfigs.unshift({ dir, text });
    if (parseEditorConfig(text).root) break;
  }
  let merged: Record<string, string> = {};
  for (const { dir, text } of editorConfigs) {
    for (const section of parseEditorConfig(text).sections) {
      if (sectionMatches(section.glob, dir, file)) merged = { ...merged, ...section.properties };
    }
  }

  let rc: Partial<FormatOptions> = {};
  for (const dir of dirs) {
    const rcFile = path.join(dir, '.lhconfrc.json');
    const text = await readTextFile(rcFile);
    if (text === undefined) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new Error(`${rcFile}: not valid JSON: ${(err as Error).message}`);
    }
    const section = (json as { format?: unknown } | null)?.format;
    if (section !== undefined && (typeof section !== 'object' || section === null || Array.isArray(section))) {
      throw new Error(`${rcFile}: "format" must be an object`);
    }
    rc = (section ?? {}) as Partial<FormatOptions>;
    try {
      normalizeFormatOptions(rc);
    } catch (err) {
      throw new Error(`${rcFile}: ${(err as Error).message}`);
    }
    break;
  }
  return normalizeFormatOptions({ ...fromEditorConfig(merged), ...rc });
}
