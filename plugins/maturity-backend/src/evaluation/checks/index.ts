export { compileRule, RULE_PASS } from './compileRule';
export type {
  CompiledRule,
  RuleError,
  RuleFail,
  RulePass,
  RuleVerdict,
} from './compileRule';
export { compileCheck } from './compileCheck';
export type { CompileCheckOptions, CompiledCheck } from './compileCheck';
export { compileEntityFilter } from '../../entities/entityFilter';
export type { CompiledEntityFilter } from '../../entities/entityFilter';
export { compileFactPath } from './factPath';
export type { CompiledFactPath } from './factPath';
export { compileTemplate, describeFailure, formatValue } from './messages';
export type { CompiledTemplate } from './messages';
export { jsonEqual, parseVersion, RuleCompileError } from './operators';
