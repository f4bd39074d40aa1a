import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  DENY,
  entity,
  entityView,
  exemption,
  httpError,
  mockMaturityApi,
} from '../../__testUtils__/fixtures';
import { renderMaturity } from '../../__testUtils__/render';
import { EntityMaturityContent } from './EntityMaturityContent';

describe('EntityMaturityContent', () => {
  it('shows the level, what stands in the way of the next level and how to fix it', async () => {
    const api = mockMaturityApi();
    await renderMaturity(<EntityMaturityContent />, { api, entity });

    expect(
      await screen.findByRole('heading', { name: 'API Maturity' }),
    ).toBeInTheDocument();
    expect(screen.getAllByLabelText('Level: Bronze').length).toBeGreaterThan(0);
    expect(screen.getByText('To reach Silver')).toBeInTheDocument();
    const blocking = screen.getByRole('heading', {
      name: 'Definition passes the linter',
      level: 3,
    });
    expect(within(blocking).getByRole('link')).toHaveAttribute(
      'href',
      '/maturity/scorecards/default/api-maturity/checks/definition-linted',
    );
    expect(
      screen.getAllByText('missing fact pushed.ci.apiLint.errors').length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('Spectral')).toBeInTheDocument(); // remediation markdown, rendered
    expect(
      screen.getByText(/4 of 5 checks passing|2 of 3 checks passing/),
    ).toBeInTheDocument();
    expect(api.getEntity).toHaveBeenCalledWith('api:default/payments-api');
  });

  it('shows the rubric with every check by category and level', async () => {
    await renderMaturity(<EntityMaturityContent />, {
      api: mockMaturityApi(),
      entity,
    });
    const rubric = await screen.findByRole('table', {
      name: 'API Maturity rubric',
    });
    const design = within(rubric).getByRole('row', { name: /Design/ });
    expect(within(design).getByText('Uses OpenAPI 3')).toBeInTheDocument();
    expect(
      within(design).getByTitle('Definition passes the linter: Error'),
    ).toBeInTheDocument();
  });

  it('shows the level history and recent transitions', async () => {
    await renderMaturity(<EntityMaturityContent />, {
      api: mockMaturityApi(),
      entity,
    });
    expect(
      await screen.findByRole('img', {
        name: 'API Maturity level over the last 30 days',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Owned by an existing team: Fail → Pass'),
    ).toBeInTheDocument();
  });

  it('re-evaluates on demand and shows the new level', async () => {
    const api = mockMaturityApi();
    await renderMaturity(<EntityMaturityContent />, { api, entity });
    await userEvent.click(
      await screen.findByRole('button', { name: /Re-evaluate now/ }),
    );
    await waitFor(() =>
      expect(api.evaluate).toHaveBeenCalledWith('api:default/payments-api'),
    );
    expect(
      await screen.findByText('Highest level reached'),
    ).toBeInTheDocument();
    expect(screen.getAllByLabelText('Level: Silver').length).toBeGreaterThan(0);
  });

  it('lists exemptions with reason and expiry, and approves a request', async () => {
    const api = mockMaturityApi();
    await renderMaturity(<EntityMaturityContent />, { api, entity });
    expect(
      await screen.findByText('Linter not available for this spec yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('0 active · 1 awaiting a decision'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(api.approveExemption).toHaveBeenCalledWith('ex-1'),
    );
    // The view and the exemptions are reloaded after a decision.
    await waitFor(() => expect(api.listExemptions).toHaveBeenCalledTimes(2));
  });

  it('does not let the requester approve their own exemption', async () => {
    const own = { ...exemption, requestedBy: 'user:default/guest' };
    const mine = {
      ...entity,
      metadata: { ...entity.metadata, name: 'own-request-api' },
    };
    const api = mockMaturityApi({ listExemptions: async () => [own] });
    await renderMaturity(<EntityMaturityContent />, { api, entity: mine });
    const approve = await screen.findByRole('button', { name: 'Approve' });
    await waitFor(() => expect(approve).toBeDisabled());
    expect(
      screen.getByTitle(
        'You requested this exemption: someone else has to approve it',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Deny' })).toBeEnabled();
  });

  it('requests an exemption through the dialog', async () => {
    const api = mockMaturityApi({ listExemptions: async () => [] });
    await renderMaturity(<EntityMaturityContent />, { api, entity });
    const buttons = await screen.findAllByRole('button', {
      name: 'Request exemption',
    });
    await userEvent.click(buttons[0]);
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Definition passes the linter'),
    ).toBeInTheDocument();
    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      'We lint in another pipeline',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request' }),
    );
    await waitFor(() =>
      expect(api.requestExemption).toHaveBeenCalledWith(
        expect.objectContaining({
          entityRef: 'api:default/payments-api',
          definitionRef: 'scorecard:default/api-maturity',
          checkId: 'definition-linted',
          reason: 'We lint in another pipeline',
        }),
      ),
    );
  });

  it('disables the actions with a reason when permissions are denied', async () => {
    // usePermission caches decisions per permission and resource: use an entity of its own.
    const denied = {
      ...entity,
      metadata: { ...entity.metadata, name: 'denied-api' },
    };
    const api = mockMaturityApi({
      listExemptions: async () => [
        { ...exemption, entityRef: 'api:default/denied-api' },
      ],
    });
    await renderMaturity(<EntityMaturityContent />, {
      api,
      entity: denied,
      permission: DENY,
    });
    const evaluate = await screen.findByRole('button', {
      name: /Re-evaluate now/,
    });
    await waitFor(() => expect(evaluate).toBeDisabled());
    expect(
      screen.getByRole('button', { name: 'Request exemption' }),
    ).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeDisabled();
    // No per-check request links without the permission.
    expect(
      screen.getAllByRole('button', { name: 'Request exemption' }),
    ).toHaveLength(1);
    expect(
      screen.getByTitle(
        'You do not have permission to re-evaluate this entity',
      ),
    ).toBeInTheDocument();
  });

  it('says so when no scorecard rates the entity', async () => {
    const api = mockMaturityApi({
      getEntity: async () => ({ ...entityView, scorecards: [] }),
    });
    await renderMaturity(<EntityMaturityContent />, { api, entity });
    expect(
      await screen.findByText('No scorecard rates this entity'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const api = mockMaturityApi({
      getEntity: async () => {
        throw httpError(500, 'database is down');
      },
    });
    await renderMaturity(<EntityMaturityContent />, { api, entity });
    expect(
      await screen.findByText('Error: database is down'),
    ).toBeInTheDocument();
  });

  it('keeps working when the exemptions cannot be loaded', async () => {
    const api = mockMaturityApi({
      listExemptions: async () => {
        throw new Error('exemptions unavailable');
      },
    });
    await renderMaturity(<EntityMaturityContent />, { api, entity });
    expect(
      (await screen.findAllByText(/exemptions unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('To reach Silver')).toBeInTheDocument();
    expect(exemption.id).toBe('ex-1');
  });
});
