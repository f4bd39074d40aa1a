export * from './shared';
export * from './Scorecard';
export * from './Campaign';
export * from './Checklist';
export * from './factRef';
export * from './definitionHealth';
