import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { DefinitionProvider, LevelDrop } from '../evaluation';

/** Link to an entity's Maturity tab in the Backstage app. */
export function entityMaturityLink(entityRef: string) {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase(
    'en-US',
  )}/${name}/maturity`;
}

/**
 * Tells the owner group of each entity that dropped a level which checks regressed, through Backstage
 * Notifications (and so through whatever channels the notifications backend has: Slack, email…).
 */
export function createLevelDropNotifier(options: {
  notifications: NotificationService;
  definitions: DefinitionProvider;
  logger: LoggerService;
}) {
  return async (drops: LevelDrop[]) => {
    const definitions = new Map(
      (await options.definitions.getDefinitions()).map(d => [d.ref, d]),
    );
    for (const drop of drops) {
      if (!drop.ownerRef) {
        options.logger.info(
          'Level dropped for an entity without a known owner',
          { ...drop, regressed: drop.regressed.length },
        );
        continue;
      }
      const scorecard = definitions.get(drop.scorecardRef);
      const levels =
        scorecard?.entity.kind === 'Scorecard'
          ? scorecard.entity.spec.levels
          : [];
      const levelTitle = (id: string | null) =>
        id === null ? 'no level' : levels.find(l => l.id === id)?.title ?? id;
      const checkTitle = (id: string) =>
        scorecard?.checks.find(c => c.id === id)?.check.title ?? id;
      const name = parseEntityRef(drop.entityRef).name;
      const scorecardTitle =
        scorecard?.entity.metadata.title ??
        parseEntityRef(drop.scorecardRef).name;
      const regressed = drop.regressed.map(
        t => `${checkTitle(t.checkId)}: ${t.message}`,
      );
      await options.notifications.send({
        recipients: { type: 'entity', entityRef: drop.ownerRef },
        payload: {
          title: `${name} dropped from ${levelTitle(drop.from)} to ${levelTitle(
            drop.to,
          )} on ${scorecardTitle}`,
          description: regressed.length
            ? `Checks that regressed: ${regressed.join('; ')}`
            : 'A check of a lower level no longer passes.',
          link: entityMaturityLink(drop.entityRef),
          severity: 'high',
          topic: 'maturity-level-drop',
          scope: `maturity:${drop.entityRef}:${drop.scorecardRef}`,
        },
      });
    }
  };
}
