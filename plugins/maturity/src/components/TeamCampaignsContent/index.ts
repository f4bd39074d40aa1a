export { TeamCampaignsContent } from './TeamCampaignsContent';
