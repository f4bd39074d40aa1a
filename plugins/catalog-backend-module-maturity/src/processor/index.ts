export { RatchetKindsProcessor } from './RatchetKindsProcessor';
