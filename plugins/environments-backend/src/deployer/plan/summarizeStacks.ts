import type { PlanResult } from '../planResult';
import {
  allResources,
  type CfnResource,
  type SynthesizedStack,
} from './SynthesizedStack';

export type PlanSummary = PlanResult['summary'];

/** What the cost estimate needs beyond the summary, counted from the same templates. */
export interface CostDrivers {
  /** Root volume size (GiB) of each node group, by node group name. */
  nodeDiskGiB: Record<string, number>;
  /** Availability zones of each interface VPC endpoint. */
  interfaceEndpointZones: number[];
  kmsKeys: number;
  secrets: number;
  clusters: number;
}

function ofType(resources: CfnResource[], type: string): CfnResource[] {
  return resources.filter(r => r.Type === type);
}

const toNumber = (value: unknown): number =>
  typeof value === 'number' ? value : Number(value ?? 0);

/** Resources by type, node groups, database, NAT gateways and stacks, read from the templates. */
export function summarizeStacks(stacks: SynthesizedStack[]): PlanSummary {
  const resources = allResources(stacks);
  const resourcesByType: Record<string, number> = {};
  for (const resource of resources) {
    resourcesByType[resource.Type] = (resourcesByType[resource.Type] ?? 0) + 1;
  }
  const nodeGroups = ofType(resources, 'AWS::EKS::Nodegroup').map(r => {
    const p = r.Properties ?? {};
    return {
      name: String(p.NodegroupName ?? ''),
      instanceType: (p.InstanceTypes ?? []).join(','),
      min: toNumber(p.ScalingConfig?.MinSize),
      max: toNumber(p.ScalingConfig?.MaxSize),
      desired: toNumber(p.ScalingConfig?.DesiredSize),
      capacityType: String(p.CapacityType ?? 'ON_DEMAND'),
    };
  });
  const db = ofType(resources, 'AWS::RDS::DBInstance')[0]?.Properties ?? {};
  return {
    totalResources: resources.length,
    resourcesByType,
    nodeGroups,
    database: {
      instanceClass: String(db.DBInstanceClass ?? ''),
      allocatedStorageGb: toNumber(db.AllocatedStorage),
      maxAllocatedStorageGb: toNumber(
        db.MaxAllocatedStorage ?? db.AllocatedStorage,
      ),
      multiAz: db.MultiAZ === true || db.MultiAZ === 'true',
      engineVersion: String(db.EngineVersion ?? ''),
    },
    natGateways: resourcesByType['AWS::EC2::NatGateway'] ?? 0,
    stacks: stacks.map(s => s.stackName),
  };
}

/** Counts the cost drivers that the summary does not carry. */
export function costDrivers(stacks: SynthesizedStack[]): CostDrivers {
  const nodeDiskGiB: Record<string, number> = {};
  for (const stack of stacks) {
    const res = stack.template.Resources ?? {};
    for (const r of Object.values(res)) {
      if (r.Type !== 'AWS::EKS::Nodegroup') continue;
      const templateId = r.Properties?.LaunchTemplate?.Id?.Ref;
      const launchTemplate = templateId ? res[templateId] : undefined;
      const volume =
        launchTemplate?.Properties?.LaunchTemplateData?.BlockDeviceMappings?.[0]
          ?.Ebs?.VolumeSize ?? r.Properties?.DiskSize;
      nodeDiskGiB[String(r.Properties?.NodegroupName)] = toNumber(volume ?? 20);
    }
  }
  const resources = allResources(stacks);
  return {
    nodeDiskGiB,
    interfaceEndpointZones: ofType(resources, 'AWS::EC2::VPCEndpoint')
      .filter(r => r.Properties?.VpcEndpointType === 'Interface')
      .map(r => (r.Properties?.SubnetIds ?? []).length),
    kmsKeys: ofType(resources, 'AWS::KMS::Key').length,
    secrets: ofType(resources, 'AWS::SecretsManager::Secret').length,
    clusters:
      ofType(resources, 'Custom::AWSCDK-EKS-Cluster').length +
      ofType(resources, 'AWS::EKS::Cluster').length,
  };
}
