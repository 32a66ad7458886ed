// The directive catalogue, read by hover and completion. It lives in @lhconf/lint (packages/lint/src/catalog,
// "one place per fact"), whose index does not export it yet: this file is the one place that reaches into it,
// and becomes `export … from '@lhconf/lint'` once the lint package exports the catalogue.
export {
  conditionFields,
  directivesAt,
  directivesForModule,
  getConditionField,
  getDirective,
  getMatchOperator,
  getModule,
  isKnownModule,
  matchOperators,
  modules,
  type ConditionField,
  type DirectiveInfo,
  type MatchOperatorInfo,
  type ModuleInfo,
} from '../../lint/src/catalog/index.js';
