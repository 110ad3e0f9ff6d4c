import type { PlanResult } from '../planResult';
import type { CostDrivers, PlanSummary } from '../plan/summarizeStacks';
import { priceTable as defaultPriceTable, type PriceTable } from './priceTable';

export type CostEstimate = PlanResult['cost'];
type CostLine = CostEstimate['lines'][number];

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The monthly cost of an environment from the price table: compute (node groups at their
 * desired size), storage, NAT, EKS, RDS, keys, load balancer, endpoints and secrets.
 * A region the table does not list gets no lines and a `source` saying so.
 */
export function estimateMonthlyCost(
  region: string,
  summary: PlanSummary,
  drivers: CostDrivers,
  table: PriceTable = defaultPriceTable,
): CostEstimate {
  const prices = table.regions[region];
  if (!prices) {
    return {
      monthlyUsd: 0,
      currency: 'USD',
      region,
      source: `No prices for region ${region} in the price table (it lists ${Object.keys(
        table.regions,
      ).join(', ')}); the cost is not estimated`,
      priceDate: table.priceDate,
      lines: [],
    };
  }
  const { hoursPerMonth: hours, ...assume } = table.assumptions;
  const lines: CostLine[] = [];
  const add = (
    item: string,
    quantity: number,
    unit: string,
    unitUsd: number,
  ) => {
    if (quantity > 0) {
      lines.push({
        item,
        quantity,
        unit,
        unitUsd,
        monthlyUsd: round2(quantity * unitUsd),
      });
    }
  };

  for (const group of summary.nodeGroups) {
    const type = group.instanceType.split(',')[0];
    const spot = group.capacityType === 'SPOT';
    const hourly = (spot ? prices.ec2SpotHourly : prices.ec2OnDemandHourly)[
      type
    ];
    const label = `${group.name}: ${group.desired} × ${type} ${
      spot ? 'spot' : 'on demand'
    }`;
    if (hourly === undefined) {
      add(
        `${label} (no price listed for ${type})`,
        group.desired * hours,
        'instance-hour',
        0,
      );
    } else {
      add(label, group.desired * hours, 'instance-hour', hourly);
    }
    const disk = drivers.nodeDiskGiB[group.name] ?? 0;
    add(
      `${group.name}: gp3 root volumes`,
      group.desired * disk,
      'GB-month',
      prices.ebsGp3GbMonth,
    );
  }
  add(
    'EKS control plane',
    drivers.clusters * hours,
    'cluster-hour',
    prices.eksClusterHourly,
  );
  add(
    'NAT gateways',
    summary.natGateways * hours,
    'gateway-hour',
    prices.natGatewayHourly,
  );
  if (summary.natGateways > 0) {
    add(
      `NAT data processing (assumed ${assume.natDataGbPerMonth} GB/month)`,
      assume.natDataGbPerMonth,
      'GB',
      prices.natGatewayPerGb,
    );
  }
  const db = summary.database;
  if (db.instanceClass) {
    const az = db.multiAz ? 'multiAz' : 'singleAz';
    const hourly = prices.rdsPostgresHourly[db.instanceClass]?.[az];
    const label = `RDS PostgreSQL ${db.instanceClass} ${
      db.multiAz ? 'Multi-AZ' : 'single-AZ'
    }`;
    add(
      hourly === undefined ? `${label} (no price listed)` : label,
      hours,
      'instance-hour',
      hourly ?? 0,
    );
    add(
      `RDS gp3 storage (allocated; grows up to ${db.maxAllocatedStorageGb} GB)`,
      db.allocatedStorageGb,
      'GB-month',
      prices.rdsGp3GbMonth[az],
    );
  }
  add(
    'KMS customer managed keys',
    drivers.kmsKeys,
    'key-month',
    prices.kmsKeyMonthly,
  );
  add(
    `Application Load Balancer (assumed ${assume.albCount}, made by the controller)`,
    assume.albCount * hours,
    'ALB-hour',
    prices.albHourly,
  );
  add(
    `ALB capacity (assumed ${assume.albAverageLcu} LCU on average)`,
    assume.albCount * assume.albAverageLcu * hours,
    'LCU-hour',
    prices.albLcuHourly,
  );
  const endpointZoneHours =
    drivers.interfaceEndpointZones.reduce((sum, zones) => sum + zones, 0) *
    hours;
  add(
    `Interface VPC endpoints (${drivers.interfaceEndpointZones.length}, one ENI per zone)`,
    endpointZoneHours,
    'endpoint-AZ-hour',
    prices.interfaceEndpointHourlyPerAz,
  );
  add(
    'Secrets Manager secrets',
    drivers.secrets,
    'secret-month',
    prices.secretMonthly,
  );

  return {
    monthlyUsd: round2(lines.reduce((sum, line) => sum + line.monthlyUsd, 0)),
    currency: 'USD',
    region,
    source: table.source,
    priceDate: table.priceDate,
    lines,
  };
}
