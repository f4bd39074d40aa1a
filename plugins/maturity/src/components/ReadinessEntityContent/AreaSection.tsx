import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMore from '@material-ui/icons/ExpandMore';
import WarningIcon from '@material-ui/icons/Warning';
import { Link, MarkdownContent } from '@backstage/core-components';
import type {
  ReadinessArea,
  ReadinessItem,
  ReadinessPhase,
  ReadinessReview,
} from '@ratchet/backstage-plugin-maturity-common';
import { formatDate, formatDateTime } from '../shared/format';
import {
  ANSWER_DENIED,
  expiresInDays,
  ItemStateChip,
  shortRef,
} from '../ReadinessCommon/labels';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    width: '100%',
  },
  progress: { flex: '0 0 160px' },
  item: {
    borderTop: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(1.5, 0),
  },
  head: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  prompt: { flex: '1 1 300px' },
  warning: {
    color: theme.palette.warning.main,
    display: 'flex',
    alignItems: 'center',
    gap: 4,
  },
  comment: {
    borderLeft: `3px solid ${theme.palette.warning.main}`,
    paddingLeft: theme.spacing(1),
    marginTop: theme.spacing(0.5),
  },
}));

/** Props of {@link AreaSection}. */
export interface AreaSectionProps {
  area: ReadinessArea;
  phases: ReadinessPhase[];
  /** The latest review, whose per-item comments show under the items. */
  review?: ReadinessReview;
  canAnswer: boolean;
  onEdit(item: ReadinessItem): void;
}

function ItemRow(props: {
  item: ReadinessItem;
  phaseTitle: string;
  comments: string[];
  canAnswer: boolean;
  onEdit(item: ReadinessItem): void;
}) {
  const classes = useStyles();
  const { item } = props;
  const expiring = expiresInDays(item);
  const editReason = item.automatic
    ? `Answered automatically by the check ${item.check?.checkId}; an exemption on the check is the way to change it`
    : !props.canAnswer && ANSWER_DENIED;
  const edit = (
    <Button
      size="small"
      disabled={!!editReason}
      onClick={() => props.onEdit(item)}
    >
      {item.state === 'unanswered' ? 'Answer' : 'Edit'}
    </Button>
  );
  return (
    <li className={classes.item} aria-label={item.prompt}>
      <div className={classes.head}>
        <Typography className={classes.prompt} variant="body1">
          {item.prompt}
        </Typography>
        <Chip size="small" label={`Required for ${props.phaseTitle}`} />
        <ItemStateChip item={item} />
        {item.automatic && item.check && (
          <Chip
            size="small"
            color="secondary"
            label={`Automatic: ${item.check.checkId} (${item.check.status})`}
          />
        )}
        {editReason ? (
          <Tooltip title={editReason}>
            <span>{edit}</span>
          </Tooltip>
        ) : (
          edit
        )}
      </div>
      {item.state === 'expired' && (
        <Typography variant="body2" className={classes.warning}>
          <WarningIcon fontSize="small" /> The answer expired on{' '}
          {formatDate(item.expiresAt)} and counts as unanswered until it is
          confirmed again.
        </Typography>
      )}
      {expiring !== undefined && (
        <Typography variant="body2" className={classes.warning}>
          <WarningIcon fontSize="small" /> The answer expires in {expiring} day
          {expiring === 1 ? '' : 's'} ({formatDate(item.expiresAt)}).
        </Typography>
      )}
      {item.automatic && item.state === 'unanswered' && (
        <Typography variant="body2" color="textSecondary">
          {item.check?.status === 'error'
            ? `The check ${item.check.checkId} could not be evaluated (see its result on the scorecard): the item stays unanswered until it can.`
            : `Waiting for the first result of the check ${item.check?.checkId}.`}
        </Typography>
      )}
      {item.justification && (
        <Typography variant="body2">
          Justification: {item.justification}
        </Typography>
      )}
      {item.notes && (
        <Typography variant="body2">Notes: {item.notes}</Typography>
      )}
      {item.evidence.length > 0 && (
        <Typography variant="body2" component="div">
          Evidence:{' '}
          {item.evidence.map(url => (
            <Box component="span" mr={1} key={url}>
              <Link to={url}>{url}</Link>
            </Box>
          ))}
        </Typography>
      )}
      {item.answeredBy && (
        <Typography variant="caption" color="textSecondary">
          {item.automatic ? 'Answered automatically by ' : 'Answered by '}
          {shortRef(item.answeredBy)}
          {item.answeredAt && ` · ${formatDateTime(item.answeredAt)}`}
        </Typography>
      )}
      {props.comments.map(c => (
        <Typography key={c} variant="body2" className={classes.comment}>
          {c}
        </Typography>
      ))}
    </li>
  );
}

/** One area of the checklist: its progress and items, each with its answer and an editor button. */
export function AreaSection({
  area,
  phases,
  review,
  canAnswer,
  onEdit,
}: AreaSectionProps) {
  const classes = useStyles();
  const titles = new Map(phases.map(p => [p.id, p.title]));
  const comments = new Map<string, string[]>();
  for (const vote of review?.votes ?? []) {
    for (const c of vote.comments) {
      comments.set(c.itemId, [
        ...(comments.get(c.itemId) ?? []),
        `${shortRef(vote.reviewer)}: ${c.comment}`,
      ]);
    }
  }
  const { acceptable, total } = area.progress;
  return (
    <Accordion defaultExpanded TransitionProps={{ unmountOnExit: true }}>
      <AccordionSummary expandIcon={<ExpandMore />}>
        <div className={classes.summary}>
          <Typography variant="h6" component="h3">
            {area.title}
          </Typography>
          <LinearProgress
            className={classes.progress}
            variant="determinate"
            value={total ? (acceptable / total) * 100 : 100}
            aria-label={`${area.title} progress`}
          />
          <Typography variant="body2">
            {acceptable} of {total}
          </Typography>
        </div>
      </AccordionSummary>
      <AccordionDetails>
        <Box width="100%">
          {area.description && <MarkdownContent content={area.description} />}
          <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {area.items.map(item => (
              <ItemRow
                key={item.id}
                item={item}
                phaseTitle={titles.get(item.requiredFor) ?? item.requiredFor}
                comments={comments.get(item.id) ?? []}
                canAnswer={canAnswer}
                onEdit={onEdit}
              />
            ))}
          </Box>
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}
