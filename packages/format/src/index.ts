export { format, formatBytes, formatParsed, formatRange } from './format.js';
export type { FormatCallOptions, ParseOutput, FormatResult, FormatBytesResult, FormatRangeResult, OffsetRange } from './format.js';
export { defaultFormatOptions, normalizeFormatOptions, type FormatOptions } from './options.js';
export { FormatInternalError } from './comments.js';
export { resolveFormatOptions, type ReadTextFile } from './resolve-format-options.js';
export { unifiedDiff } from './diff.js';
