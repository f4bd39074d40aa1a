import type { SchedulerService } from '@backstage/backend-plugin-api';
import type { ExemptionService } from './ExemptionService';

/**
 * Every few minutes, on one replica (`scope: 'global'`), re-evaluates entities whose exemptions expired,
 * so stored levels and roll-ups drop the exemption without waiting for the six-hourly sweep.
 */
export async function scheduleExemptionExpiry(options: {
  scheduler: SchedulerService;
  exemptions: ExemptionService;
}) {
  await options.scheduler.scheduleTask({
    id: 'maturity-exemption-expiry',
    scope: 'global',
    frequency: { minutes: 5 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      await options.exemptions.reevaluateExpired();
    },
  });
}
