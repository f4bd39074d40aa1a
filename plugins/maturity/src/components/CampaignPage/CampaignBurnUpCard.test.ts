import {
  poetryHistory,
  poetrySummary,
} from '../../__testUtils__/campaignFixtures';
import { burnUpSeries, withLivePoint } from './CampaignBurnUpCard';

const colors = { done: 'green', targets: 'grey', projection: 'blue' };

describe('burn-up', () => {
  it("replaces today's snapshot with the live progress, so a fixed target moves the line at once", () => {
    const live = { ...poetrySummary.progress, passing: 4, failing: 1 };
    const merged = withLivePoint(poetryHistory, live, '2026-12-05');
    expect(merged.points.map(p => [p.day, p.done, p.targets])).toEqual([
      ['2026-12-04', 2, 6],
      ['2026-12-05', 4, 6],
    ]);
    expect(
      withLivePoint(poetryHistory, live, '2026-12-06').points.map(p => p.day),
    ).toEqual(['2026-12-04', '2026-12-05', '2026-12-06']);
    expect(withLivePoint(poetryHistory, undefined, '2026-12-06')).toBe(
      poetryHistory,
    );
  });

  it('draws the projection dashed from the last point to all targets on the projected day', () => {
    const series = burnUpSeries(poetryHistory, colors);
    expect(series.map(s => [s.id, !!s.dashed])).toEqual([
      ['done', false],
      ['targets', false],
      ['projection', true],
    ]);
    expect(series[2].points).toEqual([
      { x: '2026-12-05', y: 3 },
      { x: '2027-01-02', y: 6 },
    ]);
    const none = burnUpSeries(
      {
        ...poetryHistory,
        projection: { ratePerDay: null, completionDate: null, windowDays: 14 },
      },
      colors,
    );
    expect(none.map(s => s.id)).toEqual(['done', 'targets']);
  });
});
