import { decideAutomatic } from './decisions';
import { areaViews } from './items';
import { emptyRecord, StoredAnswer } from './model';
import {
  ENTITY,
  T0,
  checklist,
  review,
  statuses,
} from './__testUtils__/testChecklist';

const approved = review({
  status: 'approved',
  approvals: 2,
  approvedAt: T0.toISOString(),
});

function withAutomatic(answer: StoredAnswer['answer']) {
  const record = emptyRecord(ENTITY, checklist.ref);
  return {
    ...record,
    answers: {
      'has-ci': {
        itemId: 'has-ci',
        answer,
        evidence: [],
        answeredBy: 'check:x',
        answeredAt: T0.toISOString(),
        automatic: true,
      },
    },
  };
}

describe('automatic answers', () => {
  it('a check in error gives no answer: nothing is stored and the item reads unanswered', () => {
    const record = emptyRecord(ENTITY, checklist.ref);
    const change = decideAutomatic(
      checklist,
      { record, reviews: [approved] },
      statuses('error'),
      T0,
    );
    expect(change.answers).toEqual([]);
    const item = areaViews(checklist, record, statuses('error'), T0)
      .flatMap(a => a.items)
      .find(i => i.id === 'has-ci');
    expect(item).toMatchObject({
      state: 'unanswered',
      automatic: true,
      check: { status: 'error' },
    });
  });

  it('the first result after an error answers without re-opening an approved review', () => {
    const change = decideAutomatic(
      checklist,
      { record: emptyRecord(ENTITY, checklist.ref), reviews: [approved] },
      statuses('pass'),
      T0,
    );
    expect(change.answers).toMatchObject([
      { itemId: 'has-ci', answer: 'yes', automatic: true },
    ]);
    expect(change.reviews).toEqual([]);
  });

  it('an error after an answer keeps the stored answer; a real flip re-opens the review', () => {
    const yes = withAutomatic('yes');
    expect(
      decideAutomatic(
        checklist,
        { record: yes, reviews: [approved] },
        statuses('error'),
        T0,
      ).answers,
    ).toEqual([]);
    const flipped = decideAutomatic(
      checklist,
      { record: yes, reviews: [approved] },
      statuses('fail'),
      T0,
    );
    expect(flipped.answers).toMatchObject([{ answer: 'no' }]);
    expect(flipped.reviews).toMatchObject([
      { id: approved.id, status: 'open' },
    ]);
  });
});
