import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: {
    width: 'auto',
    height: 28,
  },
});

/**
 * Sidebar logo (closed state): a checked task on a platform. Decorative when
 * it stands next to the portal's name.
 */
export const LogoIcon = ({ decorative = false }: { decorative?: boolean }) => {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 32 32"
      {...(decorative
        ? { 'aria-hidden': true }
        : { role: 'img', 'aria-label': 'Task Platform Portal' })}
    >
      <rect x="2" y="2" width="28" height="22" rx="4" fill="#7df3e1" />
      <path
        d="M9 13.5l4.5 4.5L23 8.5"
        fill="none"
        stroke="#171717"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <rect x="6" y="27" width="20" height="3" rx="1.5" fill="#7df3e1" />
    </svg>
  );
};
