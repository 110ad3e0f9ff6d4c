import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { MarkdownContent } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  taskCommentCreatePermission,
  type TaskComment,
} from '@taskplatform/plugin-tasks-common';
import { describeError, tasksApiRef } from '../api';
import { MarkdownEditor } from './MarkdownEditor';
import { formatDateTime } from './taskMeta';

export type TaskCommentsProps = {
  taskId: string;
  comments: TaskComment[];
  onAdded: (comment: TaskComment) => void;
};

/** The comment thread of a task and the box to add one. */
export function TaskComments(props: TaskCommentsProps) {
  const { taskId, comments, onAdded } = props;
  const tasksApi = useApi(tasksApiRef);
  const { allowed: canComment } = usePermission({
    permission: taskCommentCreatePermission,
    resourceRef: taskId,
  });
  const [body, setBody] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async () => {
    if (!body.trim()) return;
    setSaving(true);
    setError(undefined);
    try {
      onAdded(await tasksApi.addComment(taskId, body));
      setBody('');
    } catch (e) {
      setError(describeError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box>
      {comments.length === 0 ? (
        <Typography color="textSecondary">No comments yet.</Typography>
      ) : (
        comments.map(comment => (
          <Box key={comment.id} mb={2} data-testid="task-comment">
            <Typography variant="body2" color="textSecondary">
              <EntityRefLink entityRef={comment.author} hideIcon /> ·{' '}
              {formatDateTime(comment.createdAt)}
            </Typography>
            <MarkdownContent content={comment.body} />
            <Divider />
          </Box>
        ))
      )}
      {canComment && (
        <Box mt={2}>
          {error && (
            <Alert severity="error" style={{ marginBottom: 8 }}>
              Could not add the comment: {error}
            </Alert>
          )}
          <MarkdownEditor
            id="new-comment"
            label="Add a comment"
            value={body}
            onChange={setBody}
            disabled={saving}
            minRows={2}
          />
          <Box mt={1} display="flex" justifyContent="flex-end">
            <Button
              variant="contained"
              color="primary"
              onClick={submit}
              disabled={saving || !body.trim()}
            >
              Comment
            </Button>
          </Box>
        </Box>
      )}
    </Box>
  );
}
