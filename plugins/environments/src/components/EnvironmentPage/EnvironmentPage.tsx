import { useParams } from 'react-router-dom';
import { Content, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../../routes';
import { EnvironmentDetails } from './EnvironmentDetails';

/** The page of one environment (`/environments/:name`). */
export function EnvironmentPage(props: { name: string }) {
  const listLink = useRouteRef(rootRouteRef);
  return (
    <Content>
      <Box mb={2}>
        <Link to={listLink?.() ?? '/environments'}>
          <Box display="inline-flex" alignItems="center" gridGap={4}>
            <ArrowBackIcon fontSize="small" /> All environments
          </Box>
        </Link>
      </Box>
      <EnvironmentDetails name={props.name} catalogLink />
    </Content>
  );
}

/** The route element: reads `:name` from the URL. */
export function EnvironmentRoute() {
  const { name = '' } = useParams();
  return <EnvironmentPage name={name} />;
}
