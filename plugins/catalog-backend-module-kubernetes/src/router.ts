import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import type { KubernetesEntityProvider } from './provider/KubernetesEntityProvider';

/**
 * `GET /kubernetes/preview[?provider=<id>]` under the catalog's base URL: a dry-run sync of each provider,
 * with the entities it would emit, the unowned workloads for triage and the name clashes with existing
 * Components. Signed-in users and services only; nothing is applied.
 */
export function createPreviewRouter(options: {
  providers: KubernetesEntityProvider[];
  httpAuth: HttpAuthService;
}): express.Router {
  const router = Router();
  router.get('/kubernetes/preview', async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
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
