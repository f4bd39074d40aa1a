import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/lib/useAsync';
import type { EntityScorecard } from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import { attentionText, breakdownOf } from '../shared/counts';
import { LevelBadge } from '../shared/LevelBadge';
import { useMaturityLinks } from '../shared/links';

/** Props of {@link EntityMaturityCard}. */
export interface EntityMaturityCardProps {
  /** The path of the entity's Maturity tab, relative to the entity page (default `maturity`). */
  tabPath?: string;
  variant?: 'gridItem' | 'flex' | 'fullHeight';
}

function failingText(s: EntityScorecard): string {
  if (!s.evaluated) return 'Not evaluated yet';
  const b = breakdownOf(s.checks);
  const text = attentionText(b);
  return b.failing + b.error > 0 && s.nextLevel
    ? `${text} · next: ${s.nextLevel.level.title}`
    : text;
}

/** The overview card: the entity's level on each scorecard and how many checks fail or error, linking to the tab. */
export function EntityMaturityCard({
  tabPath = 'maturity',
  variant = 'gridItem',
}: EntityMaturityCardProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(maturityApiRef);
  const links = useMaturityLinks();
  const { value, loading, error } = useAsync(
    () => api.getEntity(entityRef),
    [api, entityRef],
  );

  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (!value || value.scorecards.length === 0)
    content = (
      <Typography color="textSecondary">
        No scorecard rates this entity.
      </Typography>
    );
  else
    content = (
      <List dense disablePadding>
        {value.scorecards.map(s => (
          <ListItem key={s.ref} disableGutters>
            <ListItemText primary={s.title} secondary={failingText(s)} />
            <ListItemSecondaryAction>
              <LevelBadge
                level={s.level.index >= 0 ? s.levels[s.level.index] : undefined}
              />
            </ListItemSecondaryAction>
          </ListItem>
        ))}
      </List>
    );

  return (
    <InfoCard
      title="Maturity"
      variant={variant}
      deepLink={{
        title: 'View maturity',
        link: links.entityTab(entityRef, tabPath),
      }}
    >
      {content}
    </InfoCard>
  );
}
