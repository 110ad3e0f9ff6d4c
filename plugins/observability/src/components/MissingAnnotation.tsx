import Typography from '@material-ui/core/Typography';
import { CodeSnippet } from '@backstage/core-components';

/** Explains which annotation to add to get a part of the view. */
export function MissingAnnotation(props: {
  annotation: string;
  example: string;
  what: string;
}) {
  const { annotation, example, what } = props;
  return (
    <div>
      <Typography variant="body2" paragraph>
        Add the annotation <code>{annotation}</code> to this entity's
        catalog-info.yaml to see {what}:
      </Typography>
      <CodeSnippet
        language="yaml"
        text={`metadata:\n  annotations:\n    ${annotation}: ${example}`}
      />
    </div>
  );
}
