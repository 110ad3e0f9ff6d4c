import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  StatusError,
  StatusOK,
  StatusRunning,
} from '@backstage/core-components';
import { formatTime } from '../../shared/format';
import type { ResourceState, StackProgress } from './groupOperationEvents';

const useStyles = makeStyles(theme => ({
  section: { marginBottom: theme.spacing(2) },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'grid',
    gridTemplateColumns: 'minmax(180px, 2fr) minmax(160px, 2fr) 1.5fr auto',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    wordBreak: 'break-word',
  },
  reason: { gridColumn: '1 / -1', color: theme.palette.error.dark },
}));

const stateIcons: Record<
  ResourceState,
  (props: { children?: React.ReactNode }) => JSX.Element
> = {
  'in-progress': StatusRunning,
  done: StatusOK,
  failed: StatusError,
};

/** One stack of the timeline: its status, then one line per resource. */
export function StackSection(props: { stack: StackProgress }) {
  const classes = useStyles();
  const { stack } = props;
  const headingId = `stack-${stack.stack}`;
  return (
    <section
      className={classes.section}
      aria-labelledby={headingId}
      data-testid="timeline-stack"
    >
      <Box display="flex" alignItems="baseline" gridGap={12}>
        <Typography variant="subtitle1" component="h3" id={headingId}>
          {stack.stack}
        </Typography>
        <Typography variant="body2" color="textSecondary" component="span">
          {stack.done} / {stack.resources.length} done
          {stack.status && ` · ${stack.status}`}
        </Typography>
      </Box>
      <ul className={classes.list}>
        {stack.resources.map(resource => {
          const Icon = stateIcons[resource.state];
          return (
            <li
              key={resource.logicalId}
              className={classes.item}
              data-testid="timeline-resource"
            >
              <Typography variant="body2" component="span">
                {resource.logicalId}
              </Typography>
              <Typography
                variant="body2"
                color="textSecondary"
                component="span"
              >
                {resource.resourceType}
              </Typography>
              <Typography variant="body2" component="span">
                <Icon>{resource.status}</Icon>
              </Typography>
              <Typography
                variant="body2"
                color="textSecondary"
                component="span"
              >
                {formatTime(resource.time)}
              </Typography>
              {resource.state === 'failed' && resource.reason && (
                <Typography
                  variant="body2"
                  component="span"
                  className={classes.reason}
                >
                  {resource.reason}
                </Typography>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
