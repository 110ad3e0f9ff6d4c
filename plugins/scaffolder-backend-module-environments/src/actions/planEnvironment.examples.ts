import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import * as yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Plan a dev environment from the preset',
    example: yaml.stringify({
      steps: [
        {
          action: 'environments:plan',
          id: 'plan',
          name: 'Plan the environment',
          input: { preset: 'dev', name: 'team-a-dev' },
        },
      ],
    }),
  },
  {
    description:
      'Plan a prod environment in another region with three zones, a bigger database and more runners',
    example: yaml.stringify({
      steps: [
        {
          action: 'environments:plan',
          id: 'plan',
          name: 'Plan the environment',
          input: {
            preset: 'prod',
            name: 'team-a-prod',
            account: '123456789012',
            region: 'eu-west-1',
            availabilityZoneCount: 3,
            githubOrg: 'example-org',
            githubRepo: 'team-a-service',
            runnersMin: 1,
            runnersMax: 10,
            databaseInstanceClass: 'db.m7g.large',
            databaseStorageGiB: 100,
            databaseMultiAz: true,
          },
        },
      ],
    }),
  },
  {
    description:
      'Plan a change to an existing environment and diff it against what is deployed',
    example: yaml.stringify({
      steps: [
        {
          action: 'environments:plan',
          id: 'plan',
          name: 'Plan the change',
          input: {
            preset: 'dev',
            name: 'team-a-dev',
            environment: 'team-a-dev',
            runnersMax: 6,
            spec: { cluster: { appNodes: { maxSize: 8 } } },
          },
        },
      ],
    }),
  },
];
