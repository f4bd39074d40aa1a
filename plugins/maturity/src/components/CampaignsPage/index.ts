export { CampaignsPage } from './CampaignsPage';
export { CampaignListPage, CampaignTable } from './CampaignListPage';
