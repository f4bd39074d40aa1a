export { ReadinessEntityContent } from './ReadinessEntityContent';
