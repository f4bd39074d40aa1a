import { Route, Routes } from 'react-router-dom';
import { CheckPage } from '../CheckPage';
import { ScorecardListPage } from './ScorecardListPage';
import { ScorecardReportPage } from './ScorecardReportPage';

/** The maturity pages: scorecards list, a scorecard's org report, and a check. */
export function MaturityPage() {
  return (
    <Routes>
      <Route path="/" element={<ScorecardListPage />} />
      <Route
        path="/scorecards/:namespace/:name"
        element={<ScorecardReportPage />}
      />
      <Route
        path="/scorecards/:namespace/:name/checks/:checkId"
        element={<CheckPage />}
      />
    </Routes>
  );
}
