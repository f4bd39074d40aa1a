export { EntityCampaignsContent } from './EntityCampaignsContent';
export { EntityCampaignsCard } from './EntityCampaignsCard';
export { isCampaignTarget } from './conditions';
