import fc from 'fast-check';
import {
  InvalidEnvironmentSpecError,
  environmentPresets,
  parseEnvironmentSpec,
  specFromPreset,
  type EnvironmentSpec,
} from './spec.ts';

/** The field paths named by the error a spec is rejected with. */
function rejectedPaths(input: unknown): string[] {
  try {
    parseEnvironmentSpec(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvironmentSpecError);
    return (error as InvalidEnvironmentSpecError).issues.map(i => i.path);
  }
  return [];
}

function prodWith(mutate: (spec: EnvironmentSpec) => void): EnvironmentSpec {
  const spec = structuredClone(environmentPresets.prod) as EnvironmentSpec;
  mutate(spec);
  return spec;
}

describe('environment presets', () => {
  it('carry the numbers of the design', () => {
    const prod = environmentPresets.prod;
    expect(prod.network.vpcCidr).toBe('10.0.0.0/16');
    expect(prod.network.subnets).toEqual({
      public: ['10.0.1.0/24', '10.0.2.0/24'],
      private: ['10.0.11.0/24', '10.0.12.0/24'],
      data: ['10.0.21.0/24', '10.0.22.0/24'],
    });
    expect(prod.cluster.appNodes).toMatchObject({
      instanceTypes: ['t3.medium'],
      minSize: 2,
      maxSize: 6,
    });
    expect(prod.cluster.runnerNodes).toMatchObject({
      instanceTypes: ['t3.small'],
      capacityType: 'SPOT',
      minSize: 1,
      maxSize: 3,
    });
    expect(prod.database).toMatchObject({
      backupRetentionDays: 7,
      allocatedStorageGiB: 20,
      maxAllocatedStorageGiB: 100,
      multiAz: true,
      deletionProtection: true,
    });
    expect(prod.network.natGateways).toBe(2);
  });

  it('make dev cheaper only where the design allows', () => {
    const dev = environmentPresets.dev;
    expect(dev.network.natGateways).toBe(1);
    expect(dev.database.multiAz).toBe(false);
    expect(dev.database.deletionProtection).toBe(false);
    expect(dev.network.subnets).toEqual(
      environmentPresets.prod.network.subnets,
    );
    expect(dev.cluster.appNodes).toEqual(
      environmentPresets.prod.cluster.appNodes,
    );
  });

  it('accept overrides and derive zones for a new region', () => {
    const spec = specFromPreset('prod', {
      name: 'acme-prod',
      region: 'eu-west-1',
      github: { org: 'acme', repo: 'tasks' },
    });
    expect(spec.network.availabilityZones).toEqual([
      'eu-west-1a',
      'eu-west-1b',
    ]);
    expect(spec.github).toMatchObject({
      org: 'acme',
      repo: 'tasks',
      branches: ['main'],
    });
  });

  it('reject unknown fields in overrides', () => {
    expect(() => specFromPreset('dev', { clusterSize: 3 } as any)).toThrow(
      /clusterSize|Unrecognized/,
    );
  });
});

describe('parseEnvironmentSpec', () => {
  it.each<[string, (spec: EnvironmentSpec) => void, string]>([
    [
      'a bad CIDR',
      s => void (s.network.vpcCidr = '10.0.0.0/33'),
      'network.vpcCidr',
    ],
    [
      'a subnet outside the VPC',
      s => void (s.network.subnets.data[1] = '10.1.22.0/24'),
      'network.subnets.data.1',
    ],
    [
      'overlapping subnets',
      s => void (s.network.subnets.private[0] = '10.0.1.0/25'),
      'network.subnets.private.0',
    ],
    [
      'min > max nodes',
      s => void (s.cluster.appNodes.minSize = 7),
      'cluster.appNodes.minSize',
    ],
    [
      'desired outside min..max',
      s => void (s.cluster.runnerNodes.desiredSize = 4),
      'cluster.runnerNodes.desiredSize',
    ],
    [
      'an unknown instance type family',
      s => void (s.cluster.appNodes.instanceTypes = ['q9.medium']),
      'cluster.appNodes.instanceTypes.0',
    ],
    [
      'an unknown DB instance family',
      s => void (s.database.instanceClass = 'db.zz3.micro'),
      'database.instanceClass',
    ],
    [
      'a name that is not DNS-safe',
      s => void (s.name = 'Task_Platform'),
      'name',
    ],
    [
      'AZ count < 2 in prod',
      s => {
        s.network.availabilityZones = ['us-east-1a'];
        s.network.natGateways = 1;
      },
      'network.availabilityZones',
    ],
    [
      'a zone of another region',
      s => void (s.network.availabilityZones[1] = 'eu-west-1b'),
      'network.availabilityZones.1',
    ],
    [
      'fewer NAT gateways than zones in prod',
      s => void (s.network.natGateways = 1),
      'network.natGateways',
    ],
    [
      'a single-AZ prod database',
      s => void (s.database.multiAz = false),
      'database.multiAz',
    ],
    [
      'storage autoscaling that cannot grow',
      s => void (s.database.maxAllocatedStorageGiB = 20),
      'database.maxAllocatedStorageGiB',
    ],
    [
      'PostgreSQL older than 15',
      s => void (s.database.engineVersion = '14.12'),
      'database.engineVersion',
    ],
    [
      'an unknown ALB controller version',
      s => void (s.charts.awsLoadBalancerController = 'v9.9.9'),
      'charts.awsLoadBalancerController',
    ],
    [
      'no branch or environment for the deploy role',
      s => {
        s.github.branches = [];
        s.github.environments = [];
      },
      'github.branches',
    ],
    ['a bad account id', s => void (s.account = '12345'), 'account'],
    [
      'a log retention CloudWatch does not offer',
      s => void (s.network.flowLogRetentionDays = 8),
      'network.flowLogRetentionDays',
    ],
  ])('rejects %s, naming the field', (_, mutate, path) => {
    const spec = prodWith(mutate);
    expect(rejectedPaths(spec)).toContain(path);
    expect(() => parseEnvironmentSpec(spec)).toThrow(path);
  });

  it('accepts both presets unchanged', () => {
    expect(rejectedPaths(environmentPresets.dev)).toEqual([]);
    expect(rejectedPaths(environmentPresets.prod)).toEqual([]);
  });

  it('names cluster.<group>.minSize for any min > max (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('appNodes' as const, 'runnerNodes' as const),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 50 }),
        (group, maxSize, excess) => {
          const spec = prodWith(s => {
            s.cluster[group].maxSize = maxSize;
            s.cluster[group].minSize = maxSize + excess;
            s.cluster[group].desiredSize = maxSize;
          });
          expect(rejectedPaths(spec)).toContain(`cluster.${group}.minSize`);
        },
      ),
    );
  });

  it('accepts every consistent node group size and rejects nothing else (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 100 })
          .chain(max =>
            fc.tuple(
              fc.constant(max),
              fc.integer({ min: 1, max }),
              fc.integer({ min: 1, max }),
            ),
          ),
        ([maxSize, a, b]) => {
          const spec = prodWith(s => {
            s.cluster.appNodes.minSize = Math.min(a, b);
            s.cluster.appNodes.desiredSize = Math.max(a, b);
            s.cluster.appNodes.maxSize = maxSize;
          });
          expect(rejectedPaths(spec)).toEqual([]);
        },
      ),
    );
  });

  it('rejects any subnet CIDR outside 10.0.0.0/16 at its exact path (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('public' as const, 'private' as const, 'data' as const),
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 1, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        (tier, index, secondOctet, thirdOctet) => {
          const spec = prodWith(s => {
            s.network.subnets[tier][
              index
            ] = `10.${secondOctet}.${thirdOctet}.0/24`;
          });
          expect(rejectedPaths(spec)).toContain(
            `network.subnets.${tier}.${index}`,
          );
        },
      ),
    );
  });
});
