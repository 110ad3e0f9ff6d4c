import { Content } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { EnvironmentDetails } from '../EnvironmentPage/EnvironmentDetails';

/** The annotation naming the environment a catalog entity belongs to. */
export const ENVIRONMENT_ANNOTATION = 'taskplatform.io/environment';

/** The "Environment" tab of an environment Resource: the live environment. */
export function EntityEnvironmentContent() {
  const { entity } = useEntity();
  const name =
    entity.metadata.annotations?.[ENVIRONMENT_ANNOTATION] ??
    entity.metadata.name;
  return (
    <Content noPadding>
      <EnvironmentDetails name={name} />
    </Content>
  );
}
