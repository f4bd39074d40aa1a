/*
 * One full Backstage backend for multiProcess.test.ts, started as its own Node process with
 * `--config <file>`: the catalog with Ratchet's kinds, the notifications backend and the maturity backend,
 * on the PostgreSQL database and port the config names. Run with NODE_ENV=production so that logs are
 * JSON lines the test reads, and the scheduler's janitor runs as in a real deployment.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { notificationsProcessingExtensionPoint } from '@backstage/plugin-notifications-node';

/**
 * Logs every notification the notifications backend delivers to a user, new or re-sent on an existing
 * scope: the table keeps one row per user and scope, so only this tells a re-send apart.
 */
const deliveryLog = createBackendModule({
  pluginId: 'notifications',
  moduleId: 'reliability-delivery-log',
  register(env) {
    env.registerInit({
      deps: {
        processing: notificationsProcessingExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ processing, logger }) {
        processing.addProcessor({
          getName: () => 'reliability-delivery-log',
          async postProcess(notification) {
            logger.info('Notification delivered', {
              user: notification.user ?? '',
              topic: notification.payload.topic ?? '',
              scope: notification.payload.scope ?? '',
            });
          },
        });
      },
    });
  },
});

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@ratchet/backstage-plugin-catalog-backend-module-maturity'),
);
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(deliveryLog);
backend.add(import('@ratchet/backstage-plugin-maturity-backend'));
backend.start();
