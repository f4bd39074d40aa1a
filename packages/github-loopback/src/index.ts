/**
 * A loopback GitHub REST API for Ratchet's tests, benchmarks and demo. Never a dependency of production code.
 *
 * @packageDocumentation
 */
export { LoopbackGitHub } from './LoopbackGitHub';
export type { LoopbackGitHubOptions } from './LoopbackGitHub';
export { Repository } from './Repository';
export type { LoopbackCommit, LoopbackFile } from './Repository';
export type {
  AlertSeverity,
  DependabotAlertSpec,
  FaultMatch,
  LoopbackFault,
  LoopbackRequest,
  PullRequestSpec,
  RepositorySpec,
} from './types';
export {
  loadFixtureEstate,
  renderFixtureEstate,
  renderFixtureRepository,
} from './fixtures/estate';
export type {
  FixtureRepositorySpec,
  FixtureSpec,
  FixtureStack,
} from './fixtures/estate';
