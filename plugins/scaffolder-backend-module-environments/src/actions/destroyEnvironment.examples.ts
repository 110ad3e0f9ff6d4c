import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import * as yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Destroy an environment whose name was typed again in the form',
    example: yaml.stringify({
      steps: [
        {
          action: 'environments:destroy',
          id: 'destroy',
          name: 'Destroy the environment',
          input: {
            name: '${{ parameters.environment | parseEntityRef | pick("name") }}',
            confirm: '${{ parameters.confirm }}',
          },
        },
      ],
    }),
  },
  {
    description: 'Start a destroy and return at once',
    example: yaml.stringify({
      steps: [
        {
          action: 'environments:destroy',
          id: 'destroy',
          name: 'Destroy the environment',
          input: {
            name: 'team-a-dev',
            confirm: 'team-a-dev',
            followTimeoutSeconds: 0,
          },
        },
      ],
    }),
  },
];
