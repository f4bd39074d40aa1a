import { render, screen, within } from '@testing-library/react';
import { lightTheme, darkTheme } from '@backstage/theme';
import { ThemeProvider } from '@material-ui/core/styles';
import { categories, levels } from '../../__testUtils__/fixtures';
import { shareColor, statusColor } from './colors';
import { catalogFilterFor } from './entitySources';
import { Heatmap } from './Heatmap';
import { LevelDistributionBar } from './LevelDistributionBar';
import { LineChart } from './LineChart';
import { mapLimit } from './mapLimit';

describe('Heatmap', () => {
  it('is a table with row and column headers and a label per cell', () => {
    render(
      <ThemeProvider theme={lightTheme}>
        <Heatmap
          caption="Teams"
          columns={categories}
          rows={[
            {
              key: 'group:default/data',
              name: 'data',
              label: 'data',
              entityCount: 5,
              cells: [
                { id: 'ownership', passed: 3, total: 4, share: 0.75 },
                { id: 'design', passed: 0, total: 0, share: null },
              ],
            },
          ]}
        />
      </ThemeProvider>,
    );
    const table = screen.getByRole('table', { name: 'Teams' });
    expect(
      within(table).getByRole('columnheader', { name: 'Ownership' }),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('rowheader', { name: 'data' }),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('data, Ownership: 75 % passing (3 of 4 results)'),
    ).toHaveTextContent('75 %');
    expect(screen.getByLabelText('data, Design: no results')).toHaveTextContent(
      '–',
    );
  });
});

describe('LevelDistributionBar', () => {
  it('describes the distribution for screen readers and in a legend', () => {
    render(
      <LevelDistributionBar
        levels={levels}
        distribution={[
          { level: null, count: 1 },
          { level: 'bronze', count: 3 },
          { level: 'silver', count: 0 },
        ]}
      />,
    );
    expect(
      screen.getByRole('img', {
        name: 'Level distribution of 4 entities. No level: 1, Bronze: 3, Silver: 0',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('(75 %)', { exact: false })).toBeInTheDocument();
  });
});

describe('LineChart', () => {
  it('draws a named SVG with a path per series and gaps for missing days', () => {
    const { container } = render(
      <LineChart
        title="Pass rate"
        yMin={0}
        yMax={100}
        yTicks={[
          { value: 0, label: '0 %' },
          { value: 100, label: '100 %' },
        ]}
        series={[
          {
            id: 'a',
            label: 'A',
            color: '#123456',
            points: [
              { x: '2026-11-01', y: 10 },
              { x: '2026-11-02', y: null },
              { x: '2026-11-03', y: 50 },
            ],
          },
        ]}
      />,
    );
    expect(screen.getByRole('img', { name: 'Pass rate' })).toBeInTheDocument();
    const d = container.querySelector('path')?.getAttribute('d') ?? '';
    expect(d.match(/M/g)).toHaveLength(2); // the null day breaks the line
  });
});

describe('colors', () => {
  it('takes status and share colours from the theme, in light and dark', () => {
    for (const theme of [lightTheme, darkTheme]) {
      expect(statusColor(theme, 'pass')).toBe(theme.palette.status.ok);
      expect(statusColor(theme, 'fail')).toBe(theme.palette.status.error);
      expect(shareColor(theme, null)).toBe(
        theme.palette.action.disabledBackground,
      );
      expect(shareColor(theme, 0)).toMatch(/^rgb\(/);
    }
    expect(shareColor(lightTheme, 1)).not.toBe(shareColor(lightTheme, 0));
  });
});

describe('catalogFilterFor', () => {
  it('maps appliesTo and the report filters to a catalog filter', () => {
    expect(
      catalogFilterFor(
        {
          kind: 'Component',
          type: ['service', 'website'],
          annotations: { 'backstage.io/kubernetes-id': '*' },
          not: { lifecycle: 'deprecated' },
        },
        {
          owner: 'group:default/data',
          system: 'system:default/insights',
          lifecycle: 'production',
        },
      ),
    ).toEqual({
      kind: 'Component',
      'spec.type': ['service', 'website'],
      'metadata.annotations.backstage.io/kubernetes-id': Symbol.for(
        'CATALOG_FILTER_EXISTS',
      ),
      'spec.lifecycle': 'production',
      'relations.ownedBy': 'group:default/data',
      'relations.partOf': 'system:default/insights',
    });
  });
});

describe('mapLimit', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const result = await mapLimit([1, 2, 3, 4, 5], 2, async n => {
      running++;
      peak = Math.max(peak, running);
      await new Promise(r => setTimeout(r, 5 - n));
      running--;
      return n * 10;
    });
    expect(result).toEqual([10, 20, 30, 40, 50]);
    expect(peak).toBe(2);
  });
});
