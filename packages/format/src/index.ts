export { format, formatBytes, formatParsed, formatRange } from './format.js';
export { LayoutCache } from './layout-cache.js';
export type { FormatCallOptions, FormatReuse, ParseOutput, FormatResult, FormatBytesResult, FormatRangeResult, OffsetRange } from './format.js';
export { defaultFormatOptions, normalizeFormatOptions, type FormatOptions } from './options.js';
export { FormatInternalError } from './comments.js';
export { resolveFormatOptions, type ReadTextFile } from './resolve-format-options.js';
export { unifiedDiff } from './diff.js';
