/*
 * The request and response models of the maturity backend's REST API: one definition for the backend's
 * typed router and the frontend's client. Named as the schemas of openapi.yaml
 * (plugins/maturity-backend/src/schema/openapi.yaml), which they must follow.
 */
export * from './common';
export * from './scorecards';
export * from './reports';
export * from './entities';
export * from './exemptions';
export * from './facts';
export * from './readiness';
export * from './campaigns';
