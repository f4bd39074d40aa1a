export { EntityMaturityCard } from './EntityMaturityCard';
export type { EntityMaturityCardProps } from './EntityMaturityCard';
