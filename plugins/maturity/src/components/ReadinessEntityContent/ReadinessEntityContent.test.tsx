import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  item,
  mockReadinessApi,
  OWNER,
  record,
  renderReadiness,
  REVIEWER,
  serviceEntity,
  vetoedReview,
} from '../ReadinessCommon/__testUtils__/readinessFixtures';
import { ReadinessEntityContent } from './ReadinessEntityContent';

const ENTITY = 'component:default/fx-rates';

// Typing key by key is slow on a loaded machine: focus the field and paste the text.
async function fill(field: HTMLElement, text: string) {
  await userEvent.click(field);
  await userEvent.paste(text);
}

function itemRow(prompt: string) {
  return screen.getByRole('listitem', { name: prompt });
}

describe('ReadinessEntityContent', () => {
  it('shows the phases, areas with progress, automatic answers, expiry and what blocks the next phase', async () => {
    const api = mockReadinessApi();
    await renderReadiness(<ReadinessEntityContent />, {
      api,
      entity: serviceEntity,
    });

    expect(
      await screen.findByText('Operational Readiness'),
    ).toBeInTheDocument();
    expect(api.getRecord).toHaveBeenCalledWith(ENTITY);
    const stepper = screen.getByLabelText('Readiness phases');
    expect(within(stepper).getByText('Playground')).toBeInTheDocument();
    expect(
      within(stepper).getByText('Ready for production'),
    ).toBeInTheDocument();
    expect(screen.getByText('Next: Green light')).toBeInTheDocument();
    const blockers = screen.getByRole('list', {
      name: 'What blocks the next phase',
    });
    expect(
      within(blockers).getByText('ha-plan is not answered'),
    ).toBeInTheDocument();

    expect(
      screen.getByRole('heading', { name: 'Reliability' }),
    ).toBeInTheDocument();
    expect(screen.getAllByText('1 of 2')).toHaveLength(2);

    const automatic = itemRow('Do tests gate merges?');
    expect(
      within(automatic).getByText('Automatic: ci-required (pass)'),
    ).toBeInTheDocument();
    expect(
      within(automatic).getByRole('button', { name: 'Edit' }),
    ).toBeDisabled();

    expect(
      within(itemRow('How do you roll back?')).getByText(/expires in 5 days/),
    ).toBeInTheDocument();
    expect(
      within(itemRow('Where does test data come from?')).getByText(
        /counts as\s+unanswered/,
      ),
    ).toBeInTheDocument();
    expect(await screen.findByText('Answered')).toBeInTheDocument(); // the audit trail
  });

  it('requires a justification for not applicable and sends the answer with evidence and notes', async () => {
    const answered = record({
      areas: [
        {
          ...record().areas[0],
          items: [
            item({
              id: 'ha-plan',
              prompt: 'What is the HA plan?',
              state: 'answered',
              answer: 'not-applicable',
              justification: 'Batch job',
              acceptable: true,
            }),
          ],
        },
      ],
    });
    const api = mockReadinessApi({ answerItem: jest.fn(async () => answered) });
    await renderReadiness(<ReadinessEntityContent />, {
      api,
      entity: serviceEntity,
    });

    await userEvent.click(
      within(
        await screen.findByRole('listitem', { name: 'What is the HA plan?' }),
      ).getByRole('button', { name: 'Answer' }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.click(within(dialog).getByLabelText('Not applicable'));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Save answer' }),
    );
    expect(
      within(dialog).getByText(
        'A justification is required for not applicable',
      ),
    ).toBeInTheDocument();
    expect(api.answerItem).not.toHaveBeenCalled();

    await fill(within(dialog).getByLabelText(/Evidence links/), 'not a url');
    expect(
      within(dialog).getByText('Not an http(s) URL: not'),
    ).toBeInTheDocument();
    await userEvent.clear(within(dialog).getByLabelText(/Evidence links/));
    await fill(
      within(dialog).getByLabelText(/Evidence links/),
      'https://wiki.example/ha',
    );
    await fill(within(dialog).getByLabelText(/Justification/), 'Batch job');
    await fill(within(dialog).getByLabelText('Notes'), 'Runs nightly');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Save answer' }),
    );

    await waitFor(() =>
      expect(api.answerItem).toHaveBeenCalledWith(ENTITY, 'ha-plan', {
        answer: 'not-applicable',
        justification: 'Batch job',
        evidence: ['https://wiki.example/ha'],
        notes: 'Runs nightly',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(
      within(itemRow('What is the HA plan?')).getByText(
        'Justification: Batch job',
      ),
    ).toBeInTheDocument();
  });

  it('disables answering and requesting a review, with the reason, for someone who does not own the entity', async () => {
    const api = mockReadinessApi({
      getRecord: jest.fn(async () =>
        record({ viewer: { canAnswer: false, canReview: false } }),
      ),
    });
    await renderReadiness(<ReadinessEntityContent />, {
      api,
      entity: serviceEntity,
    });

    const answer = within(
      await screen.findByRole('listitem', { name: 'What is the HA plan?' }),
    ).getByRole('button', { name: 'Answer' });
    expect(answer).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Request Green light review' }),
    ).toBeDisabled();
    expect(screen.getByLabelText('Target launch date')).toBeDisabled();
    await userEvent.hover(answer.parentElement!);
    expect(
      await screen.findByText(/Only the owners of this entity/),
    ).toBeInTheDocument();
  });

  it('requests the review of the next phase with a note', async () => {
    const api = mockReadinessApi();
    await renderReadiness(<ReadinessEntityContent />, {
      api,
      entity: serviceEntity,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Request Green light review' }),
    );
    await fill(
      screen.getByLabelText('Note for the reviewers'),
      'Ready for you',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Request review' }),
    );
    await waitFor(() =>
      expect(api.requestReview).toHaveBeenCalledWith(ENTITY, {
        phase: 'green-light',
        note: 'Ready for you',
      }),
    );
    expect(api.getRecord).toHaveBeenCalledTimes(2);
  });

  it('shows the veto and the timeline with per-item comments; the owner cannot review answers they gave', async () => {
    const api = mockReadinessApi({
      getRecord: jest.fn(async () =>
        record({
          reviews: [vetoedReview()],
          viewer: { canAnswer: true, canReview: true },
        }),
      ),
    });
    await renderReadiness(<ReadinessEntityContent />, {
      api,
      entity: serviceEntity,
      user: OWNER,
    });

    expect(
      await screen.findByText(/Vetoed by dmitri.volkov: No HA plan/),
    ).toBeInTheDocument();
    const timeline = screen.getByRole('list', { name: 'Review timeline' });
    expect(
      within(timeline).getByText(/vetoed: No HA plan/),
    ).toBeInTheDocument();
    expect(
      within(timeline).getByText(/What is the HA plan\?: One zone is not HA/),
    ).toBeInTheDocument();
    expect(
      within(itemRow('What is the HA plan?')).getByText(
        'dmitri.volkov: One zone is not HA',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Veto' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Withdraw' })).toBeEnabled();
  });

  it('lets the vetoing reviewer lift the veto with a reason, and not without one', async () => {
    const api = mockReadinessApi({
      getRecord: jest.fn(async () =>
        record({
          reviews: [vetoedReview()],
          viewer: { canAnswer: false, canReview: true },
        }),
      ),
    });
    await renderReadiness(<ReadinessEntityContent />, {
      api,
      entity: serviceEntity,
      user: REVIEWER,
    });

    expect(
      await screen.findByRole('button', { name: 'Approve' }),
    ).toBeDisabled(); // a veto stands
    await userEvent.click(screen.getByRole('button', { name: 'Lift veto' }));
    const dialog = screen.getByRole('dialog');
    const submit = within(dialog).getByRole('button', { name: 'Lift veto' });
    expect(submit).toBeDisabled();
    await fill(within(dialog).getByLabelText(/Reason/), 'Second zone added');
    await userEvent.click(submit);
    await waitFor(() =>
      expect(api.actOnReview).toHaveBeenCalledWith('review-1', {
        action: 'lift-veto',
        reason: 'Second zone added',
        comments: undefined,
      }),
    );
  });

  it('moves back to an earlier phase only with a reason', async () => {
    const base = record();
    const api = mockReadinessApi({
      getRecord: jest.fn(async () =>
        record({
          phase: 'green-light',
          phases: base.phases.map((p, i) => ({
            ...p,
            status: (['done', 'current', 'next'] as const)[i],
          })),
          next: { phase: 'ready-for-production', allowed: false, blockers: [] },
        }),
      ),
    });
    await renderReadiness(<ReadinessEntityContent />, {
      api,
      entity: serviceEntity,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Move back' }),
    );
    const dialog = screen.getByRole('dialog');
    const move = within(dialog).getByRole('button', { name: 'Move back' });
    expect(move).toBeDisabled();
    await fill(within(dialog).getByLabelText(/Reason/), 'Launch postponed');
    await userEvent.click(move);
    await waitFor(() =>
      expect(api.movePhase).toHaveBeenCalledWith(ENTITY, {
        phase: 'playground',
        reason: 'Launch postponed',
      }),
    );
  });

  it('shows an empty state when no checklist applies', async () => {
    await renderReadiness(<ReadinessEntityContent />, {
      api: mockReadinessApi({ getRecord: jest.fn(async () => undefined) }),
      entity: serviceEntity,
    });
    expect(
      await screen.findByText('No readiness checklist applies to this entity'),
    ).toBeInTheDocument();
  });

  it('shows the error when loading fails', async () => {
    await renderReadiness(<ReadinessEntityContent />, {
      api: mockReadinessApi({
        getRecord: jest.fn(async () => {
          throw new Error('backend down');
        }),
      }),
      entity: serviceEntity,
    });
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });
});
