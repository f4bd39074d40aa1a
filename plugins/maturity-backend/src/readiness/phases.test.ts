import { ConflictError, InputError } from '@backstage/errors';
import type { CheckStatus } from '@ratchet/backstage-plugin-maturity-common';
import { addIsoDuration } from './duration';
import { areaViews } from './items';
import { StoredRecord, emptyRecord } from './model';
import { checkPhaseMove, gateResult, nextPhase } from './phases';
import {
  ENTITY,
  T0,
  answered,
  checklist,
  review,
  statuses,
} from './__testUtils__/testChecklist';

describe('phase machine', () => {
  const base = emptyRecord(ENTITY, checklist.ref);

  it('enters the first phase, then refuses to skip a phase', () => {
    const areas = areaViews(checklist, base, statuses(), T0);
    expect(
      checkPhaseMove(checklist, base, areas, [], { phase: 'playground' }),
    ).toBe('playground');
    const inPlayground = { ...base, phase: 'playground' };
    expect(() =>
      checkPhaseMove(checklist, inPlayground, areas, [], {
        phase: 'ready-for-production',
      }),
    ).toThrow(
      new ConflictError(
        'phase: phases cannot be skipped; enter "green-light" before "ready-for-production"',
      ),
    );
  });

  it('needs every item required for the phase answered acceptably', () => {
    const record = { ...base, phase: 'playground' };
    const no = answered(record, 'ha-plan', 'no');
    expect(() =>
      checkPhaseMove(
        checklist,
        no,
        areaViews(checklist, no, statuses(), T0),
        [],
        {
          phase: 'green-light',
        },
      ),
    ).toThrow(/item "ha-plan" \(required for green-light\) is answered "no"/);
    const yes = answered(record, 'ha-plan', 'yes');
    expect(
      checkPhaseMove(
        checklist,
        yes,
        areaViews(checklist, yes, statuses(), T0),
        [],
        {
          phase: 'green-light',
        },
      ),
    ).toBe('green-light');
  });

  it('needs an approved review for a sign-off phase, and earlier phases items too', () => {
    let record: StoredRecord = { ...base, phase: 'green-light' };
    record = answered(answered(record, 'ha-plan', 'yes'), 'runbook', 'yes');
    const areas = areaViews(checklist, record, statuses('pass'), T0);
    const move = { phase: 'ready-for-production' };
    expect(() => checkPhaseMove(checklist, record, areas, [], move)).toThrow(
      /needs an approved review; none was requested/,
    );
    expect(() =>
      checkPhaseMove(checklist, record, areas, [review()], move),
    ).toThrow(/review r1 is open/);
    const approved = review({ status: 'approved' });
    expect(checkPhaseMove(checklist, record, areas, [approved], move)).toBe(
      'ready-for-production',
    );
    // The same without the automatic item passing.
    const failing = areaViews(checklist, record, statuses('fail'), T0);
    expect(nextPhase(checklist, record, failing, [approved])?.blockers).toEqual(
      [
        {
          kind: 'item',
          itemId: 'has-ci',
          message: expect.stringContaining('"has-ci"'),
        },
      ],
    );
  });

  it('moves back with a reason only, and rejects unknown phases naming the field', () => {
    const record = { ...base, phase: 'green-light' };
    const areas = areaViews(checklist, record, statuses(), T0);
    expect(() =>
      checkPhaseMove(checklist, record, areas, [], { phase: 'playground' }),
    ).toThrow(
      new InputError('reason: moving back to an earlier phase needs a reason'),
    );
    expect(
      checkPhaseMove(checklist, record, areas, [], {
        phase: 'playground',
        reason: 'pivot',
      }),
    ).toBe('playground');
    expect(() =>
      checkPhaseMove(checklist, record, areas, [], { phase: 'prod' }),
    ).toThrow(/^phase: unknown phase "prod"/);
  });
});

describe('items', () => {
  it('expiry un-answers: an answer past reattestEvery counts as unanswered when read', () => {
    const record = answered(
      emptyRecord(ENTITY, checklist.ref),
      'runbook',
      'yes',
    );
    const fresh = areaViews(
      checklist,
      record,
      statuses(),
      addIsoDuration(T0, 'P89D'),
    );
    const stale = areaViews(
      checklist,
      record,
      statuses(),
      addIsoDuration(T0, 'P90D'),
    );
    expect(fresh[0].items[1]).toMatchObject({
      state: 'answered',
      acceptable: true,
      expired: false,
    });
    expect(stale[0].items[1]).toMatchObject({
      state: 'expired',
      acceptable: false,
      expired: true,
      expiresAt: '2027-03-01T09:00:00.000Z',
    });
  });

  it("automatic items follow their check and ignore a person's stored answer", () => {
    const record = answered(
      emptyRecord(ENTITY, checklist.ref),
      'has-ci',
      'yes',
    );
    const item = (s?: CheckStatus) =>
      areaViews(checklist, record, statuses(s), T0)[1].items[0];
    expect(item()).toMatchObject({
      state: 'unanswered',
      automatic: true,
      check: { status: 'pending' },
    });
    expect(item('pass')).toMatchObject({ answer: 'yes', acceptable: true });
    expect(item('exempt')).toMatchObject({ answer: 'yes', acceptable: true });
    expect(item('fail')).toMatchObject({
      answer: 'no',
      acceptable: false,
      answeredBy: 'scorecard:default/service-maturity#has-ci',
    });
  });

  it('adds calendar durations in UTC', () => {
    expect(
      addIsoDuration(new Date('2026-01-31T00:00:00Z'), 'P1M').toISOString(),
    ).toBe('2026-02-28T00:00:00.000Z');
    expect(addIsoDuration(T0, 'P1DT6H').toISOString()).toBe(
      '2026-12-02T15:00:00.000Z',
    );
    expect(() => addIsoDuration(T0, 'P')).toThrow(TypeError);
  });
});

describe('gate', () => {
  it('fails with the open items and the missing sign-off, then passes', () => {
    const record = {
      ...emptyRecord(ENTITY, checklist.ref),
      phase: 'green-light',
    };
    const closed = gateResult(
      checklist,
      record,
      areaViews(checklist, record, statuses(), T0),
      [],
      'ready-for-production',
    );
    expect(closed).toMatchObject({
      pass: false,
      signOff: 'missing',
      currentPhase: 'green-light',
    });
    expect(closed.openItems.map(i => i.itemId)).toEqual([
      'ha-plan',
      'runbook',
      'has-ci',
    ]);
    const done = answered(
      answered(record, 'ha-plan', 'yes'),
      'runbook',
      'not-applicable',
    );
    const open = gateResult(
      checklist,
      done,
      areaViews(checklist, done, statuses('pass'), T0),
      [review({ status: 'approved' })],
      'ready-for-production',
    );
    expect(open).toMatchObject({
      pass: true,
      openItems: [],
      reasons: [],
      signOff: 'approved',
    });
    expect(
      gateResult(
        checklist,
        record,
        areaViews(checklist, record, statuses(), T0),
        [],
        'playground',
      ).pass,
    ).toBe(true);
  });
});
