import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { SendLog } from '../notifications/sendLog';
import type { CampaignNotifier } from './CampaignNotifier';
import type { CampaignService } from './CampaignService';

/** Every 10 minutes: time-driven transitions and reminder cycles are at most that late. */
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 45 },
};

/** How long the send log remembers a notification (longer than any campaign's reminder cycle). */
const SEND_LOG_DAYS = 400;

/**
 * Schedules campaign upkeep with `scope: 'global'` (one replica per run): refresh every campaign
 * (repairs, start and due dates, the day's burn-up point), then send the due reminder cycles. The send
 * log, not the scope, is what keeps a reminder from going out twice.
 */
export async function scheduleCampaignTasks(options: {
  scheduler: SchedulerService;
  config: RootConfigService;
  logger: LoggerService;
  campaigns: CampaignService;
  notifier: CampaignNotifier;
  sendLog: SendLog;
}) {
  const { scheduler, config, logger } = options;
  const path = 'maturity.schedules.campaigns';
  const schedule = config.has(path)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(path),
      )
    : DEFAULT_SCHEDULE;
  await scheduler.scheduleTask({
    id: 'maturity-campaigns',
    scope: 'global',
    ...schedule,
    fn: async () => {
      await options.campaigns.refreshAll();
      const campaigns = await options.campaigns.campaigns();
      const { sent } = await options.notifier.sendDueReminders(
        campaigns.values(),
      );
      const pruned = await options.sendLog.prune(
        new Date(Date.now() - SEND_LOG_DAYS * 86_400_000),
      );
      logger.info('Campaigns refreshed', {
        campaigns: campaigns.size,
        reminders: sent,
        sendLogPruned: pruned,
      });
    },
  });
}
