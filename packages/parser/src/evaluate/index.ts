export { evaluateDocument, evaluateFile, evaluateText } from './evaluate.js';
export { printConfig } from './print.js';
export { semanticMessages, type SemanticMessageId } from './messages.js';
export type {
  ArrayEntry,
  ConfigContext,
  EvaluatedCondition,
  EvaluateFs,
  EvaluateOptions,
  EvaluateResult,
  IncludeRecord,
  Setting,
  Value,
} from './types.js';
