import { CustomErrorBase, InputError } from '@backstage/errors';
import {
  FactsPushResponse,
  maturityFactsPushPermission,
} from '@ratchet/backstage-plugin-maturity-common';
import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Request, Response } from 'express';
import { authorizeBasic } from '../../permissions/authorize';
import {
  authorizePushSources,
  PushSourceAccess,
} from '../../permissions/pushSources';
import type { FactIntake } from '../FactIntake';
import type { PushValidator } from './PushValidator';

/** A body that is not JSON; Backstage's error handler answers with the statusCode it carries. */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  /** The error name in responses. */
  name = 'UnsupportedMediaTypeError' as const;
  /** The HTTP status. */
  readonly statusCode = 415;
}

/**
 * `POST /facts`. Callers must be services — service-to-service tokens and `backend.auth.externalAccess`
 * tokens both authenticate as services; users are refused (403) and anonymous callers get 401 — and
 * hold `maturity.facts.push`. Validation is all or nothing; stored facts are written in one transaction
 * (a resend changes nothing) and only the entities whose facts changed are re-evaluated.
 */
export function createPushHandler(
  services: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    intake: FactIntake;
    logger: LoggerService;
    /** Per-caller push sources (maturity.push.allowedSources); unset, any. */
    pushAccess?: PushSourceAccess;
  },
  validator: PushValidator,
) {
  return async (req: Request, res: Response<FactsPushResponse>) => {
    const credentials = await services.httpAuth.credentials(req, {
      allow: ['service'],
    });
    await authorizeBasic(
      services.permissions,
      maturityFactsPushPermission,
      credentials,
    );
    const isJson = req.is('application/json');
    if (isJson === null || req.get('content-length') === '0') {
      throw new InputError('A JSON body is required');
    }
    if (isJson === false) {
      throw new UnsupportedMediaTypeError(
        `Expected Content-Type application/json, got ${req.get(
          'content-type',
        )}`,
      );
    }
    const writes = await validator.validate(req.body, credentials);
    authorizePushSources(
      services.pushAccess,
      credentials,
      writes.map(w => w.source),
    );
    const written = await services.intake.write(writes);
    services.logger.info('Accepted pushed facts', {
      items: writes.length,
      changed: written.changed.length,
      unchanged: written.unchanged,
    });
    res.json({
      accepted: writes.length,
      changed: written.changed.length,
      unchanged: written.unchanged,
    });
  };
}
