import Typography from '@material-ui/core/Typography';
import type { PlanResult } from '@taskplatform/plugin-environments-common';

/** What the plan changes against the deployed templates, stack by stack. */
export function PlanDiff(props: { diff: PlanResult['diff'] }) {
  const stacks = props.diff?.stacks ?? [];
  if (!props.diff) {
    return (
      <Typography variant="body2" color="textSecondary">
        No diff: nothing is deployed yet, so every resource is new.
      </Typography>
    );
  }
  const changed = stacks.filter(
    s => s.added.length || s.removed.length || s.changed.length,
  );
  if (changed.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No changes against the deployed stacks.
      </Typography>
    );
  }
  return (
    <div data-testid="plan-diff">
      {changed.map(stack => (
        <div key={stack.stack}>
          <Typography variant="body2" component="h4">
            <strong>{stack.stack}</strong>
          </Typography>
          <ul>
            {stack.added.map(id => (
              <li key={`+${id}`}>added {id}</li>
            ))}
            {stack.removed.map(id => (
              <li key={`-${id}`}>removed {id}</li>
            ))}
            {stack.changed.map(c => (
              <li key={`~${c.logicalId}`}>
                changed {c.logicalId} ({c.resourceType})
                {c.replacement && <strong> — replaced</strong>}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
