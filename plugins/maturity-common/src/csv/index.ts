export { toCsv } from './csv';
