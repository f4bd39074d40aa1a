import { Route, Routes } from 'react-router-dom';
import { CampaignPage } from '../CampaignPage';
import { CampaignListPage } from './CampaignListPage';

/** The campaigns pages: the list (active, scheduled, ended) and one campaign. */
export function CampaignsPage() {
  return (
    <Routes>
      <Route path="/" element={<CampaignListPage />} />
      <Route path="/:namespace/:name" element={<CampaignPage />} />
    </Routes>
  );
}
