import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { EntityScorecard } from '@ratchet/backstage-plugin-maturity-common';
import { CheckStatusChip } from '../shared/CheckStatusChip';
import { LevelBadge } from '../shared/LevelBadge';
import { CheckLink } from '../shared/links';

const useStyles = makeStyles(theme => ({
  cell: { verticalAlign: 'top', minWidth: 180 },
  reached: { backgroundColor: theme.palette.action.hover },
  check: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  notEffective: { color: theme.palette.text.secondary, fontStyle: 'italic' },
}));

const OTHER = { id: '', title: 'Other' };

/** Props of {@link RubricGrid}. */
export interface RubricGridProps {
  scorecard: EntityScorecard;
}

/** The scorecard's rubric: categories as rows, levels as columns, every check with its status. */
export function RubricGrid({ scorecard }: RubricGridProps) {
  const classes = useStyles();
  const hasUncategorised = scorecard.checks.some(
    c =>
      !c.category || !scorecard.categories.some(cat => cat.id === c.category),
  );
  const rows = hasUncategorised
    ? [...scorecard.categories, OTHER]
    : scorecard.categories;
  const inRow = (rowId: string, category?: string) =>
    rowId === OTHER.id
      ? !category || !scorecard.categories.some(c => c.id === category)
      : category === rowId;

  return (
    <Box overflow="auto">
      <Table size="small" aria-label={`${scorecard.title} rubric`}>
        <TableHead>
          <TableRow>
            <TableCell>Category</TableCell>
            {scorecard.levels.map((level, index) => (
              <TableCell
                key={level.id}
                className={
                  index <= scorecard.level.index ? classes.reached : undefined
                }
              >
                <LevelBadge level={level} />
                {index <= scorecard.level.index && (
                  <Typography variant="caption" component="span">
                    {' '}
                    reached
                  </Typography>
                )}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(category => (
            <TableRow key={category.id || 'other'}>
              <TableCell component="th" scope="row" className={classes.cell}>
                <Typography variant="subtitle2">{category.title}</Typography>
              </TableCell>
              {scorecard.levels.map((level, index) => (
                <TableCell
                  key={level.id}
                  className={`${classes.cell} ${
                    index <= scorecard.level.index ? classes.reached : ''
                  }`}
                >
                  {scorecard.checks
                    .filter(
                      c =>
                        c.level === level.id && inRow(category.id, c.category),
                    )
                    .map(check => (
                      <div key={check.id} className={classes.check}>
                        <CheckStatusChip
                          status={check.status}
                          title={check.title}
                        />
                        <Typography
                          variant="body2"
                          className={
                            check.effective ? undefined : classes.notEffective
                          }
                          title={
                            check.effective
                              ? check.message
                              : `Not counted yet. ${check.message}`
                          }
                        >
                          <CheckLink
                            scorecardRef={scorecard.ref}
                            checkId={check.id}
                          >
                            {check.title}
                          </CheckLink>
                        </Typography>
                      </div>
                    ))}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
