import { render, screen, within } from '@testing-library/react';
import { lightTheme, darkTheme } from '@backstage/theme';
import { ThemeProvider } from '@material-ui/core/styles';
import { categories, levels } from '../../__testUtils__/fixtures';
import { shareColor, statusColor } from './colors';
import { Heatmap } from './Heatmap';
import { LevelDistributionBar } from './LevelDistributionBar';
import { TimeSeriesChart } from './TimeSeriesChart';

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

describe('TimeSeriesChart', () => {
  it('names the chart, summarises it and lists every value in a table, gaps included', () => {
    const { container } = render(
      <ThemeProvider theme={darkTheme}>
        <TimeSeriesChart
          title="Passing targets"
          description="12 of 40 pass."
          yMax={40}
          series={[
            {
              id: 'passing',
              label: 'Passing',
              color: '#123456',
              points: [
                { x: '2026-11-01', y: 10 },
                { x: '2026-11-02', y: null },
                { x: '2026-11-03', y: 12 },
              ],
            },
            {
              id: 'projection',
              label: 'Projection',
              color: '#654321',
              dashed: true,
              points: [
                { x: '2026-11-03', y: 12 },
                { x: '2026-11-05', y: 40 },
              ],
            },
          ]}
          markers={[{ x: '2026-11-05', label: 'Due' }]}
          width={640}
        />
      </ThemeProvider>,
    );
    const chart = screen.getByRole('img', { name: 'Passing targets' });
    expect(chart).toHaveAccessibleDescription(
      '12 of 40 pass. Due: Nov 5, 2026.',
    );
    const table = screen.getByRole('table', { name: 'Passing targets' });
    expect(
      within(table)
        .getAllByRole('row')
        .map(r => [...r.querySelectorAll('th, td')].map(c => c.textContent)),
    ).toEqual([
      ['Date', 'Passing', 'Projection'],
      ['Nov 1, 2026', '10', '–'],
      ['Nov 2, 2026', '–', '–'],
      ['Nov 3, 2026', '12', '12'],
      ['Nov 5, 2026', '–', '40'],
    ]);
    // Drawn by recharts at the given width (jsdom cannot measure), the projection dashed.
    const lines = container.querySelectorAll('path.recharts-line-curve');
    expect(lines).toHaveLength(2);
    expect(lines[1].getAttribute('stroke-dasharray')).toBe('6 4');
    // The null day splits the first line in two segments.
    expect(lines[0].getAttribute('d')?.match(/M/g)).toHaveLength(2);
    // Axis labels take the dark theme's text colour.
    const tick = container.querySelector('.recharts-yAxis .recharts-text');
    expect(tick?.getAttribute('fill')).toBe(darkTheme.palette.text.secondary);
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
