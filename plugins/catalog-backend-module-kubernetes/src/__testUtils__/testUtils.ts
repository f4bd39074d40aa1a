import path from 'node:path';
import { existsSync } from 'node:fs';
import type {
  LoggerService,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import type {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  LoopbackCluster,
  loadManifestFile,
} from '@ratchet/kubernetes-loopback';

/** The repository root (tests run from the package folder). */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** The demo's manifests. */
export const EXAMPLES = path.join(REPO_ROOT, 'examples/kubernetes');

/** Online Boutique's manifests, in the shared fixtures folder beside the clone. */
export const ONLINE_BOUTIQUE = path.resolve(
  REPO_ROOT,
  '../shared/fixtures/kubernetes/online-boutique.yaml',
);

/** Whether the Online Boutique fixture is there (CI has it as a sibling folder of the clone). */
export const hasOnlineBoutique = existsSync(ONLINE_BOUTIQUE);

/** Records every mutation, like the catalog's connection would receive them. */
export class RecordingConnection implements EntityProviderConnection {
  readonly mutations: EntityProviderMutation[] = [];

  async applyMutation(mutation: EntityProviderMutation): Promise<void> {
    this.mutations.push(mutation);
  }

  async refresh(): Promise<void> {}

  /** The entities of the last full mutation, by name. */
  entities(): Map<string, Entity> {
    const last = [...this.mutations].reverse().find(m => m.type === 'full');
    if (!last || last.type !== 'full') return new Map();
    return new Map(last.entities.map(e => [e.entity.metadata.name, e.entity]));
  }
}

/** A task runner that only records the task; tests run it by hand. */
export class RecordingTaskRunner implements SchedulerServiceTaskRunner {
  readonly tasks: SchedulerServiceTaskInvocationDefinition[] = [];

  async run(task: SchedulerServiceTaskInvocationDefinition): Promise<void> {
    this.tasks.push(task);
  }
}

/** A logger that keeps its messages. */
export class RecordingLogger implements LoggerService {
  readonly lines: Array<{ level: string; message: string }> = [];

  error(message: string) {
    this.lines.push({ level: 'error', message });
  }
  warn(message: string) {
    this.lines.push({ level: 'warn', message });
  }
  info(message: string) {
    this.lines.push({ level: 'info', message });
  }
  debug(message: string) {
    this.lines.push({ level: 'debug', message });
  }
  child(): LoggerService {
    return this;
  }
}

/** Starts one loopback cluster per named manifest file, with a token each. */
export async function startClusters(
  files: Record<string, string>,
): Promise<LoopbackCluster[]> {
  return Promise.all(
    Object.entries(files).map(([name, file]) =>
      LoopbackCluster.start({
        name,
        tokens: `token-${name}`,
        objects: loadManifestFile(file),
      }),
    ),
  );
}

/** The app-config of a backend with these clusters and one provider `test`. */
export function configFor(
  clusters: LoopbackCluster[],
  provider: JsonObject = {},
): ConfigReader {
  return new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: clusters.map(c => ({
            name: c.name,
            url: c.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: `token-${c.name}`,
            skipTLSVerify: true,
          })),
        },
      ],
    },
    catalog: {
      providers: {
        kubernetes: { test: { requestTimeout: { seconds: 2 }, ...provider } },
      },
    },
  });
}
