import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import * as yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Create a dev environment from the preset',
    example: yaml.stringify({
      steps: [
        {
          action: 'environments:create',
          id: 'create',
          name: 'Create the environment',
          input: {
            preset: 'dev',
            name: 'team-a-dev',
            owner: 'group:default/team-a',
          },
        },
      ],
    }),
  },
  {
    description:
      'Plan, then create a prod environment from the form, following the deploy for up to an hour',
    example: yaml.stringify({
      steps: [
        {
          action: 'environments:plan',
          id: 'plan',
          name: 'Plan',
          input: {
            preset: 'prod',
            name: '${{ parameters.name }}',
            region: '${{ parameters.region }}',
            availabilityZoneCount: '${{ parameters.availabilityZoneCount }}',
          },
        },
        {
          action: 'environments:create',
          id: 'create',
          name: 'Create',
          input: {
            preset: 'prod',
            name: '${{ parameters.name }}',
            title: '${{ parameters.title }}',
            owner: '${{ parameters.owner }}',
            region: '${{ parameters.region }}',
            availabilityZoneCount: '${{ parameters.availabilityZoneCount }}',
            followTimeoutSeconds: 3600,
          },
        },
      ],
      output: {
        links: [
          {
            title: 'Environment',
            url: '${{ steps.create.output.environmentUrl }}',
          },
        ],
      },
    }),
  },
  {
    description:
      'Queue the environment and return at once; the deploy goes on in the environments backend',
    example: yaml.stringify({
      steps: [
        {
          action: 'environments:create',
          id: 'create',
          name: 'Create the environment',
          input: {
            preset: 'dev',
            name: 'team-b-dev',
            owner: 'group:default/team-b',
            followTimeoutSeconds: 0,
          },
        },
      ],
    }),
  },
];
