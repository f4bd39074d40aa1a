/*
 * Demo only: a second guest-like sign-in, `demo-reviewer`, so one demo portal can be used as the team that
 * owns the sample services (the `guest` provider: Priya) and as a readiness reviewer (this one: Dmitri,
 * platform) at the same time — the app's sign-in page offers both. Like the guest provider it refuses to
 * run outside development unless `dangerouslyAllowOutsideDevelopment` is set.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

const PROVIDER = 'demo-reviewer';
const DEFAULT_USER = 'user:default/dmitri.volkov';

const authenticator = createProxyAuthenticator({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize({ config }) {
    const allowed =
      process.env.NODE_ENV === 'development' ||
      config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') === true;
    return { allowed };
  },
  async authenticate(_, { allowed }) {
    if (!allowed) {
      // Backstage's error handler answers 403 by the error's name (the backend does not depend on
      // @backstage/errors itself).
      throw Object.assign(
        new Error(
          `The ${PROVIDER} provider is for the demo only (development, or dangerouslyAllowOutsideDevelopment)`,
        ),
        { name: 'NotAllowedError' },
      );
    }
    return { result: {} };
  },
});

/** The `demo-reviewer` auth provider: signs in as `auth.providers.demo-reviewer.userEntityRef` (Dmitri). */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-reviewer-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const userEntityRef =
          config.getOptionalString(
            `auth.providers.${PROVIDER}.userEntityRef`,
          ) ?? DEFAULT_USER;
        providers.registerProvider({
          providerId: PROVIDER,
          factory: createProxyAuthProviderFactory({
            authenticator,
            signInResolver: async (_, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: userEntityRef }),
          }),
        });
      },
    });
  },
});
