import { screen, within } from '@testing-library/react';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { KubernetesTriagePage } from './KubernetesTriagePage';
import type { KubernetesPreview } from './types';

const preview: KubernetesPreview = {
  providers: [
    {
      provider: 'kubernetes:demo',
      startedAt: '2026-12-06T03:00:00Z',
      durationMs: 120,
      clusters: [
        { cluster: 'eu-west', status: 'ok', workloads: 30, durationMs: 80 },
        {
          cluster: 'us-east',
          status: 'failed',
          workloads: 12,
          durationMs: 2000,
          error: 'cluster us-east: listing deployments failed with HTTP 403',
          fallback: 'cache',
        },
      ],
      entities: [
        {
          entityRef: 'component:default/flagd',
          owner: 'group:default/platform',
          needsOwner: false,
          workloads: [
            {
              cluster: 'eu-west',
              namespace: 'flags',
              kind: 'Deployment',
              name: 'flagd',
            },
          ],
        },
      ],
      unowned: [
        {
          entityRef: 'component:default/pgbouncer',
          owner: 'group:default/unassigned',
          needsOwner: true,
          emitted: true,
          workloads: [
            {
              cluster: 'eu-west',
              namespace: 'payments',
              kind: 'Deployment',
              name: 'pgbouncer',
            },
          ],
          suggestions: [
            {
              owner: 'group:default/payments',
              score: 2,
              evidence: [
                'namespace payments (cluster eu-west) also runs ledger, owned by group:default/payments',
              ],
            },
          ],
        },
      ],
      conflicts: [
        {
          name: 'checkout',
          existingEntityRef: 'component:default/checkout',
          existingOwner: 'group:default/shop',
          action: 'skipped',
          workloads: [],
        },
      ],
      counts: { entities: 1, unowned: 1, conflicts: 1, optedOut: 0 },
    },
  ],
};

async function render(response: Response) {
  const fetch = jest.fn(async () => response);
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          discoveryApiRef,
          { getBaseUrl: async (id: string) => `http://backend/api/${id}` },
        ],
        [fetchApiRef, { fetch }],
      ]}
    >
      <KubernetesTriagePage />
    </TestApiProvider>,
  );
  return fetch;
}

describe('KubernetesTriagePage', () => {
  it('renders the preview: cluster errors, unowned workloads with their suggestions and evidence, creations, conflicts', async () => {
    const fetch = await render(
      new Response(JSON.stringify(preview), {
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(await screen.findByText('kubernetes:demo')).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/catalog/kubernetes/preview',
    );
    expect(
      screen.getByText(
        'cluster us-east: listing deployments failed with HTTP 403 — kept: cache',
      ),
    ).toBeInTheDocument();
    const suggestions = screen.getByRole('list', {
      name: 'Suggested owners of component:default/pgbouncer',
    });
    expect(
      within(suggestions).getByText('group:default/payments'),
    ).toBeInTheDocument();
    expect(
      within(suggestions).getByText(
        'namespace payments (cluster eu-west) also runs ledger, owned by group:default/payments',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('component:default/flagd')).toBeInTheDocument();
    expect(screen.getByText('component:default/checkout')).toBeInTheDocument();
    expect(screen.getByText(/1 failed clusters/)).toBeInTheDocument();
  });

  it('shows the error when the permission is denied', async () => {
    await render(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message:
              'ratchet.kubernetes.preview is required to read the Kubernetes preview',
          },
        }),
        { status: 403, headers: { 'content-type': 'application/json' } },
      ),
    );
    expect(
      (await screen.findAllByText(/ratchet.kubernetes.preview is required/))
        .length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('kubernetes:demo')).not.toBeInTheDocument();
  });
});
