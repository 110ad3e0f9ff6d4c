import { specFromPreset } from '@taskplatform/infra';
import { environmentStackNames } from '../environmentStackNames';
import { estimateMonthlyCost } from '../pricing/estimateMonthlyCost';
import { priceTable } from '../pricing/priceTable';
import { diffStacks } from './diffStacks';
import { costDrivers, summarizeStacks } from './summarizeStacks';
import { templatesByStackName } from './SynthesizedStack';
import {
  canonicalJson,
  synthesizeStacks,
  type SynthesizedStacks,
} from './synthesizeStacks';

jest.setTimeout(120_000);

describe('plan of the prod preset (one synth for the file)', () => {
  let synth: SynthesizedStacks;

  beforeAll(async () => {
    synth = await synthesizeStacks(
      specFromPreset('prod', { name: 'acme-prod', account: '210987654321' }),
    );
  });

  it('synthesizes the stacks in dependency order, nag-clean, with the names status() assumes', () => {
    const names = synth.stacks.map(s => s.stackName);
    expect([...names].sort()).toEqual(
      environmentStackNames('acme-prod').sort(),
    );
    expect(names.indexOf('acme-prod-network')).toBeLessThan(
      names.indexOf('acme-prod-cluster'),
    );
    expect(names.indexOf('acme-prod-cluster')).toBeLessThan(
      names.indexOf('acme-prod-database'),
    );
    expect(synth.nag.errors).toEqual([]);
    expect(
      synth.stacks.find(s => s.stackName === 'acme-prod-cluster')?.nested,
    ).toHaveLength(2);
  });

  it('a deploy right after the plan reuses its synth: the same spec in another key order is a cache hit', async () => {
    const spec = specFromPreset('prod', {
      name: 'acme-prod',
      account: '210987654321',
    }) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(spec).reverse());
    expect(canonicalJson(reordered)).toBe(canonicalJson(spec));
    expect(await synthesizeStacks(reordered)).toBe(synth); // not synthesized again
    const other = await synthesizeStacks({ ...spec, name: 'acme-prod2' });
    expect(other).not.toBe(synth);
    expect(other.stacks[0].stackName).toMatch(/^acme-prod2-/);
  });

  it('summarizes node groups, database, NAT gateways and resources by type', () => {
    const summary = summarizeStacks(synth.stacks);
    expect(summary.nodeGroups).toEqual([
      {
        name: 'acme-prod-app',
        instanceType: 't3.medium',
        min: 2,
        max: 6,
        desired: 2,
        capacityType: 'ON_DEMAND',
      },
      {
        name: 'acme-prod-runners',
        instanceType: 't3.small',
        min: 1,
        max: 3,
        desired: 1,
        capacityType: 'SPOT',
      },
    ]);
    expect(summary.database).toEqual({
      instanceClass: 'db.t3.micro',
      allocatedStorageGb: 20,
      maxAllocatedStorageGb: 100,
      multiAz: true,
      engineVersion: '17.6',
    });
    expect(summary.natGateways).toBe(2);
    expect(summary.resourcesByType['AWS::EKS::Nodegroup']).toBe(2);
    const sum = Object.values(summary.resourcesByType).reduce(
      (a, b) => a + b,
      0,
    );
    expect(summary.totalResources).toBe(sum);
  });

  it('estimates the monthly cost from the price table, line by line', () => {
    const summary = summarizeStacks(synth.stacks);
    const cost = estimateMonthlyCost(
      'us-east-1',
      summary,
      costDrivers(synth.stacks),
    );
    const line = (prefix: string) =>
      cost.lines.find(l => l.item.startsWith(prefix))!;
    expect(line('acme-prod-app: 2 × t3.medium on demand')).toMatchObject({
      quantity: 2 * 730,
      unitUsd: 0.0416,
      monthlyUsd: 60.74,
    });
    expect(line('acme-prod-runners: 1 × t3.small spot').unitUsd).toBe(0.0072);
    expect(line('NAT gateways')).toMatchObject({
      quantity: 2 * 730,
      monthlyUsd: 65.7,
    });
    expect(line('EKS control plane').monthlyUsd).toBe(73);
    expect(line('RDS PostgreSQL db.t3.micro Multi-AZ')).toMatchObject({
      unitUsd: 0.036,
    });
    expect(line('Interface VPC endpoints').quantity).toBe(5 * 2 * 730);
    expect(cost.monthlyUsd).toBeCloseTo(
      cost.lines.reduce((s, l) => s + l.monthlyUsd, 0),
      2,
    );
    expect(cost).toMatchObject({
      currency: 'USD',
      source: priceTable.source,
      priceDate: priceTable.priceDate,
    });

    const eu = estimateMonthlyCost(
      'eu-west-1',
      summary,
      costDrivers(synth.stacks),
    );
    expect(eu.monthlyUsd).toBeGreaterThan(cost.monthlyUsd);
  });

  it('says so for a region the price table does not list', () => {
    const cost = estimateMonthlyCost(
      'ap-south-1',
      summarizeStacks(synth.stacks),
      costDrivers(synth.stacks),
    );
    expect(cost.lines).toEqual([]);
    expect(cost.source).toMatch(
      /No prices for region ap-south-1 .*us-east-1, eu-west-1/,
    );
  });

  it('diffs against the deployed templates: added, removed, changed and replacements', () => {
    const next = templatesByStackName(synth.stacks);
    const previous = JSON.parse(JSON.stringify(next));
    const db = previous['acme-prod-database'].Resources;
    const dbId = Object.keys(db).find(
      id => db[id].Type === 'AWS::RDS::DBInstance',
    )!;
    db[dbId].Properties.DBName = 'oldname'; // DBName changes replace the instance
    const ng = Object.keys(previous['acme-prod-cluster'].Resources).find(
      id =>
        previous['acme-prod-cluster'].Resources[id].Type ===
        'AWS::EKS::Nodegroup',
    )!;
    previous['acme-prod-cluster'].Resources[
      ng
    ].Properties.ScalingConfig.DesiredSize = 3;
    previous['acme-prod-storage'].Resources.OldTopic = {
      Type: 'AWS::SNS::Topic',
    };
    const secondKey = Object.keys(previous['acme-prod-network'].Resources)[1];
    delete previous['acme-prod-network'].Resources[secondKey];

    const diff = diffStacks(previous, next);
    const of = (name: string) => diff.stacks.find(s => s.stack === name)!;
    expect(of('acme-prod-database').changed).toContainEqual({
      logicalId: dbId,
      resourceType: 'AWS::RDS::DBInstance',
      replacement: true,
    });
    expect(of('acme-prod-cluster').changed).toContainEqual({
      logicalId: ng,
      resourceType: 'AWS::EKS::Nodegroup',
      replacement: false,
    });
    expect(of('acme-prod-storage').removed).toEqual(['OldTopic']);
    expect(of('acme-prod-network').added).toEqual([secondKey]);
    expect(of('acme-prod-cicd')).toEqual({
      stack: 'acme-prod-cicd',
      added: [],
      removed: [],
      changed: [],
    });
  });
});
