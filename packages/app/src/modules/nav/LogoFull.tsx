import { makeStyles } from '@material-ui/core';
import { LogoIcon } from './LogoIcon';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: 10,
    whiteSpace: 'nowrap',
  },
  text: {
    color: '#ffffff',
    fontSize: 18,
    fontWeight: 700,
    lineHeight: 1.1,
  },
  sub: {
    display: 'block',
    color: '#7df3e1',
    fontSize: 12,
    fontWeight: 500,
    letterSpacing: 1,
    textTransform: 'uppercase',
  },
});

/** Sidebar logo (open state): the mark and the portal's name. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <div className={classes.root}>
      <LogoIcon decorative />
      <span className={classes.text}>
        Task Platform <span className={classes.sub}>Portal</span>
      </span>
    </div>
  );
};
