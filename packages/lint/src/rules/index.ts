import type { Rule } from '../define-rule.js';
import noAuthOverHttp from './no-auth-over-http/rule.js';
import noConditionalInGlobal from './no-conditional-in-global/rule.js';
import noDebugEnabled from './no-debug-enabled/rule.js';
import noDeprecatedDirective from './no-deprecated-directive/rule.js';
import noDeprecatedIfSyntax from './no-deprecated-if-syntax/rule.js';
import noDeprecatedModule from './no-deprecated-module/rule.js';
import noDirListingGlobal from './no-dir-listing-global/rule.js';
import noDoubleBackslashInRegex from './no-double-backslash-in-regex/rule.js';
import noDuplicateArrayKey from './no-duplicate-array-key/rule.js';
import noDuplicateAssignment from './no-duplicate-assignment/rule.js';
import noDuplicateModule from './no-duplicate-module/rule.js';
import noEmptyCgiInterpreter from './no-empty-cgi-interpreter/rule.js';
import noExtensionInCgiAndFastcgi from './no-extension-in-cgi-and-fastcgi/rule.js';
import noExtforwardAll from './no-extforward-all/rule.js';
import noIgnoredSubKey from './no-ignored-sub-key/rule.js';
import noInvalidBackendMode from './no-invalid-backend-mode/rule.js';
import noInvalidBalance from './no-invalid-balance/rule.js';
import noInvalidBoolean from './no-invalid-boolean/rule.js';
import noInvalidCidr from './no-invalid-cidr/rule.js';
import noInvalidCompressionLevel from './no-invalid-compression-level/rule.js';
import noInvalidDirectiveScope from './no-invalid-directive-scope/rule.js';
import noInvalidEnumValue from './no-invalid-enum-value/rule.js';
import noInvalidExtforwardTrust from './no-invalid-extforward-trust/rule.js';
import noInvalidRedirectCode from './no-invalid-redirect-code/rule.js';
import noInvalidRegex from './no-invalid-regex/rule.js';
import noInvalidSocketAddress from './no-invalid-socket-address/rule.js';
import noInvalidValueType from './no-invalid-value-type/rule.js';
import noInvalidXSendfileDocroot from './no-invalid-x-sendfile-docroot/rule.js';
import noMissingRegexCapture from './no-missing-regex-capture/rule.js';
import noModuleNotLoaded from './no-module-not-loaded/rule.js';
import noNestedSocketCondition from './no-nested-socket-condition/rule.js';
import noNewlineInHeaderValue from './no-newline-in-header-value/rule.js';
import noOutOfRangeInteger from './no-out-of-range-integer/rule.js';
import noPortAsString from './no-port-as-string/rule.js';
import noRedosRegex from './no-redos-regex/rule.js';
import noRemovedModule from './no-removed-module/rule.js';
import noRewriteRepeatLoop from './no-rewrite-repeat-loop/rule.js';
import noRootUser from './no-root-user/rule.js';
import noServerTagVersion from './no-server-tag-version/rule.js';
import noShadowedAlias from './no-shadowed-alias/rule.js';
import noShadowedAuthRequire from './no-shadowed-auth-require/rule.js';
import noSpawnOptionWithoutBinPath from './no-spawn-option-without-bin-path/rule.js';
import noSpawnedBackendPort from './no-spawned-backend-port/rule.js';
import noUnanchoredHostRegex from './no-unanchored-host-regex/rule.js';
import noUnauthenticatedWebdav from './no-unauthenticated-webdav/rule.js';
import noUnderscoreInOption from './no-underscore-in-option/rule.js';
import noUnescapedDotInRegex from './no-unescaped-dot-in-regex/rule.js';
import noUnknownBackendOption from './no-unknown-backend-option/rule.js';
import noUnknownDirective from './no-unknown-directive/rule.js';
import noUnknownModule from './no-unknown-module/rule.js';
import noUnknownSubKey from './no-unknown-sub-key/rule.js';
import noUnmatchableCondition from './no-unmatchable-condition/rule.js';
import noUnprotectedStatusPage from './no-unprotected-status-page/rule.js';
import noUnreachableBackend from './no-unreachable-backend/rule.js';
import noUnreachableCondition from './no-unreachable-condition/rule.js';
import noUnreachableElse from './no-unreachable-else/rule.js';
import noUnreachableHandler from './no-unreachable-handler/rule.js';
import noUnreachableRewriteRule from './no-unreachable-rewrite-rule/rule.js';
import noUnusedDisable from './no-unused-disable/rule.js';
import noUseIpv6WithoutBind from './no-use-ipv6-without-bind/rule.js';
import noWeakTls from './no-weak-tls/rule.js';
import requireAbsolutePath from './require-absolute-path/rule.js';
import requireAuthFields from './require-auth-fields/rule.js';
import requireBackendAddress from './require-backend-address/rule.js';
import requireDenyVcs from './require-deny-vcs/rule.js';
import requireDocumentRoot from './require-document-root/rule.js';
import requireModuleOrder from './require-module-order/rule.js';
import requireRewriteTargetSlash from './require-rewrite-target-slash/rule.js';
import requireServerUsername from './require-server-username/rule.js';

/** Every rule, keyed by id: sorted, one line per rule (`pnpm new-rule <id>` inserts the line). */
export const rules = {
  'no-auth-over-http': noAuthOverHttp,
  'no-conditional-in-global': noConditionalInGlobal,
  'no-debug-enabled': noDebugEnabled,
  'no-deprecated-directive': noDeprecatedDirective,
  'no-deprecated-if-syntax': noDeprecatedIfSyntax,
  'no-deprecated-module': noDeprecatedModule,
  'no-dir-listing-global': noDirListingGlobal,
  'no-double-backslash-in-regex': noDoubleBackslashInRegex,
  'no-duplicate-array-key': noDuplicateArrayKey,
  'no-duplicate-assignment': noDuplicateAssignment,
  'no-duplicate-module': noDuplicateModule,
  'no-empty-cgi-interpreter': noEmptyCgiInterpreter,
  'no-extension-in-cgi-and-fastcgi': noExtensionInCgiAndFastcgi,
  'no-extforward-all': noExtforwardAll,
  'no-ignored-sub-key': noIgnoredSubKey,
  'no-invalid-backend-mode': noInvalidBackendMode,
  'no-invalid-balance': noInvalidBalance,
  'no-invalid-boolean': noInvalidBoolean,
  'no-invalid-cidr': noInvalidCidr,
  'no-invalid-compression-level': noInvalidCompressionLevel,
  'no-invalid-directive-scope': noInvalidDirectiveScope,
  'no-invalid-enum-value': noInvalidEnumValue,
  'no-invalid-extforward-trust': noInvalidExtforwardTrust,
  'no-invalid-redirect-code': noInvalidRedirectCode,
  'no-invalid-regex': noInvalidRegex,
  'no-invalid-socket-address': noInvalidSocketAddress,
  'no-invalid-value-type': noInvalidValueType,
  'no-invalid-x-sendfile-docroot': noInvalidXSendfileDocroot,
  'no-missing-regex-capture': noMissingRegexCapture,
  'no-module-not-loaded': noModuleNotLoaded,
  'no-nested-socket-condition': noNestedSocketCondition,
  'no-newline-in-header-value': noNewlineInHeaderValue,
  'no-out-of-range-integer': noOutOfRangeInteger,
  'no-port-as-string': noPortAsString,
  'no-redos-regex': noRedosRegex,
  'no-removed-module': noRemovedModule,
  'no-rewrite-repeat-loop': noRewriteRepeatLoop,
  'no-root-user': noRootUser,
  'no-server-tag-version': noServerTagVersion,
  'no-shadowed-alias': noShadowedAlias,
  'no-shadowed-auth-require': noShadowedAuthRequire,
  'no-spawn-option-without-bin-path': noSpawnOptionWithoutBinPath,
  'no-spawned-backend-port': noSpawnedBackendPort,
  'no-unanchored-host-regex': noUnanchoredHostRegex,
  'no-unauthenticated-webdav': noUnauthenticatedWebdav,
  'no-underscore-in-option': noUnderscoreInOption,
  'no-unescaped-dot-in-regex': noUnescapedDotInRegex,
  'no-unknown-backend-option': noUnknownBackendOption,
  'no-unknown-directive': noUnknownDirective,
  'no-unknown-module': noUnknownModule,
  'no-unknown-sub-key': noUnknownSubKey,
  'no-unmatchable-condition': noUnmatchableCondition,
  'no-unprotected-status-page': noUnprotectedStatusPage,
  'no-unreachable-backend': noUnreachableBackend,
  'no-unreachable-condition': noUnreachableCondition,
  'no-unreachable-else': noUnreachableElse,
  'no-unreachable-handler': noUnreachableHandler,
  'no-unreachable-rewrite-rule': noUnreachableRewriteRule,
  'no-unused-disable': noUnusedDisable,
  'no-use-ipv6-without-bind': noUseIpv6WithoutBind,
  'no-weak-tls': noWeakTls,
  'require-absolute-path': requireAbsolutePath,
  'require-auth-fields': requireAuthFields,
  'require-backend-address': requireBackendAddress,
  'require-deny-vcs': requireDenyVcs,
  'require-document-root': requireDocumentRoot,
  'require-module-order': requireModuleOrder,
  'require-rewrite-target-slash': requireRewriteTargetSlash,
  'require-server-username': requireServerUsername,
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof rules;
