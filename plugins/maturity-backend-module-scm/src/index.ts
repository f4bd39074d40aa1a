/**
 * Ratchet maturity module: repository facts (files, package managers, dependencies, Dockerfile base image,
 * CODEOWNERS, header propagation) read through Backstage's UrlReader, plus GitHub-only facts (language,
 * pull requests, Dependabot alerts) through the GitHub REST API.
 *
 * @packageDocumentation
 */
export { maturityModuleScmFacts as default } from './module';
export { ScmFactSource } from './ScmFactSource';
export type { ScmFactSourceOptions } from './ScmFactSource';
export { readScmSettings, DEFAULT_FILES } from './config';
export type { ScmSettings } from './config';
export { deriveFacts } from './deriveFacts';
export type {
  Ecosystem,
  FileObservation,
  HeaderLibraries,
  RepositoryObservation,
} from './deriveFacts';
export { scmFactsSchema } from './schema';
export { parseFile, ManifestError } from './parsers';
export type { ParsedFile } from './parsers';
