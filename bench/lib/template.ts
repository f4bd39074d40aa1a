import type { CheckBase } from '@ratchet/backstage-plugin-maturity-common';

/** A benchmark check in a standard (`strict` false) or a strict variant. */
export type CheckTemplate = (strict: boolean) => CheckBase;
