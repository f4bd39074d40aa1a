/*
 * Demo only: plays Ratchet Demo Co's GitHub Enterprise. Each `integrations.github` entry whose apiBaseUrl
 * points at this machine (http://127.0.0.1:<port>/api/v3) is served by a loopback GitHub REST API on that
 * port, accepting the entry's token, with the fixture repositories of examples/repositories/repositories.yaml.
 * The scm fact source then reads them through Backstage's real UrlReader and GitHub client.
 * Not for production: a real backend reads real repositories.
 */
import {
  coreServices,
  createBackendModule,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { LoopbackGitHub, loadFixtureEstate } from '@ratchet/github-loopback';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Starts the demo's loopback GitHub before the maturity plugin's scm source first reads it. */
export const maturityModuleGithubDemoRepositories = createBackendModule({
  pluginId: 'maturity',
  moduleId: 'github-demo-repositories',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ config, logger, lifecycle }) {
        const spec = resolvePackagePath(
          'backend',
          '../../examples/repositories/repositories.yaml',
        );
        const started: LoopbackGitHub[] = [];
        for (const entry of config.getOptionalConfigArray(
          'integrations.github',
        ) ?? []) {
          const api = entry.getOptionalString('apiBaseUrl');
          if (!api) continue;
          const url = new URL(api);
          if (!LOCAL_HOSTS.has(url.hostname) || !url.port) continue;
          const token = entry.getOptionalString('token');
          // A busy port is fatal on purpose: a demo whose repositories silently come from elsewhere (or
          // nowhere) would show a wall of scm errors instead of saying why.
          const github = await LoopbackGitHub.start({
            host:
              url.hostname === 'localhost'
                ? '127.0.0.1'
                : url.hostname.replace(/^\[|\]$/g, ''),
            port: Number(url.port),
            tokens: token ? [token] : undefined,
            repositories: loadFixtureEstate(spec),
          });
          started.push(github);
          logger.info(
            `Demo GitHub serves ${github.repositories.length} repositories of ${spec} at ${github.apiBaseUrl}`,
          );
        }
        lifecycle.addShutdownHook(async () => {
          await Promise.all(started.map(g => g.stop()));
        });
      },
    });
  },
});

export default maturityModuleGithubDemoRepositories;
