export { EntityTeamMaturityContent } from './EntityTeamMaturityContent';
