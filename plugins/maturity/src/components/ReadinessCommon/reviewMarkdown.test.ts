import { record, vetoedReview } from './__testUtils__/readinessFixtures';
import { reviewMarkdown } from './reviewMarkdown';

describe('reviewMarkdown', () => {
  it('writes the one-pager of a review: header, the items of its phase per area, comments, timeline, sign-off', () => {
    const md = reviewMarkdown(record(), vetoedReview());
    expect(md).toContain('# Operational Readiness: Green light');
    expect(md).toContain('- **Entity:** component:default/fx-rates');
    expect(md).toContain('- **Review:** Vetoed, 0 of 1 approvals');
    expect(md).toContain('- **Veto:** user:default/dmitri.volkov: No HA plan');
    // Only items required for green-light (or earlier) belong to the green-light walkthrough.
    expect(md).toContain('## Reliability (0 of 1 acceptable)');
    expect(md).toContain(
      '| What is the HA plan? | **open** |  |  | user:default/dmitri.volkov: One zone is not HA |',
    );
    expect(md).not.toContain('How do you roll back?');
    expect(md).not.toContain('## Testing');
    expect(md).toContain(
      '- 2026-12-02T10:00:00Z — user:default/dmitri.volkov vetoed: No HA plan',
    );
    expect(md).toContain(
      '| user:default/dmitri.volkov | veto | 2026-12-02T10:00:00Z |',
    );
  });

  it('covers every item up to the next phase when no review was requested, escaping table cells', () => {
    const base = record();
    const md = reviewMarkdown(
      {
        ...base,
        next: { phase: 'ready-for-production', allowed: false, blockers: [] },
        areas: [
          {
            ...base.areas[1],
            items: [
              { ...base.areas[1].items[0], notes: 'a | b\nc' },
              base.areas[1].items[1],
            ],
          },
        ],
      },
      undefined,
    );
    expect(md).toContain('# Operational Readiness: Ready for production');
    expect(md).toContain('- **Review:** not requested yet');
    expect(md).toContain(
      '| Do tests gate merges? | Yes (automatic) | a \\| b c |',
    );
    expect(md).toContain(
      '| Where does test data come from? | **expired** (Yes) |',
    );
  });
});
