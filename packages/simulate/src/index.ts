export { simulate, describeHandler, type SimulationResult, type SimulateOptions, type TraceStep, type Outcome, type Handler, type EffectiveSetting, type Stage } from './simulate.js';
export type { SimRequest } from './request.js';
export { manifestFs, diskFs, emptyFs, type FsView } from './fs-view.js';
export { translateRegex, type TranslatedRegex } from './regex.js';
export { substitute, type Substitution, type SubstitutionContext } from './substitute.js';
export { formatTrace } from './format-trace.js';
