import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import { kubernetesPreviewPermission } from './permissions';
import type { KubernetesEntityProvider } from './provider/KubernetesEntityProvider';

/**
 * `GET /kubernetes/preview[?provider=<id>]` under the catalog's base URL: a dry-run sync of each provider,
 * with the entities it would emit, the unowned workloads with owner suggestions for triage, the name
 * clashes with existing Components and the clusters that failed. Needs `ratchet.kubernetes.preview`;
 * nothing is applied.
 */
export function createPreviewRouter(options: {
  providers: KubernetesEntityProvider[];
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): express.Router {
  const router = Router();
  router.get('/kubernetes/preview', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await options.permissions.authorize(
      [{ permission: kubernetesPreviewPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${kubernetesPreviewPermission.name} is required to read the Kubernetes preview`,
      );
    }
    const wanted =
      typeof req.query.provider === 'string' ? req.query.provider : undefined;
    const providers = wanted
      ? options.providers.filter(
          p => p.config.id === wanted || p.getProviderName() === wanted,
        )
      : options.providers;
    if (wanted && providers.length === 0) {
      throw new NotFoundError(
        `No Kubernetes provider '${wanted}' is configured`,
      );
    }
    const reports = [];
    for (const provider of providers) reports.push(await provider.preview());
    res.json({ providers: reports });
  });
  return router;
}
