/**
 * Monthly cost inputs of an environment, per region. Kept in the repository so that a
 * plan needs no AWS call; update `priceDate` with the figures.
 */
export interface RegionPrices {
  /** EC2 Linux on-demand, USD per instance-hour. */
  ec2OnDemandHourly: Record<string, number>;
  /** EC2 spot, USD per instance-hour (an average; spot prices move). */
  ec2SpotHourly: Record<string, number>;
  /** EBS gp3 volumes of the nodes, USD per GB-month. */
  ebsGp3GbMonth: number;
  natGatewayHourly: number;
  natGatewayPerGb: number;
  /** EKS control plane (standard support), USD per cluster-hour. */
  eksClusterHourly: number;
  /** RDS for PostgreSQL, USD per instance-hour. */
  rdsPostgresHourly: Record<string, { singleAz: number; multiAz: number }>;
  /** RDS gp3 storage, USD per GB-month. */
  rdsGp3GbMonth: { singleAz: number; multiAz: number };
  /** KMS customer managed key, USD per key-month. */
  kmsKeyMonthly: number;
  /** Application Load Balancer, USD per hour and per LCU-hour. */
  albHourly: number;
  albLcuHourly: number;
  /** Interface VPC endpoint, USD per endpoint per availability zone per hour. */
  interfaceEndpointHourlyPerAz: number;
  /** Secrets Manager, USD per secret-month. */
  secretMonthly: number;
}

export interface PriceTable {
  source: string;
  priceDate: string;
  /** Usage the templates cannot tell; each becomes part of a cost line's unit. */
  assumptions: {
    hoursPerMonth: number;
    natDataGbPerMonth: number;
    albCount: number;
    albAverageLcu: number;
  };
  regions: Record<string, RegionPrices>;
}

export const priceTable: PriceTable = {
  source:
    'AWS public price pages (EC2 on-demand and spot, VPC NAT gateway and PrivateLink, EKS, RDS for PostgreSQL, EBS, KMS, Elastic Load Balancing, Secrets Manager), Linux, no Savings Plans or Reserved Instances; spot is a 30-day average',
  priceDate: '2025-06-01',
  assumptions: {
    hoursPerMonth: 730,
    natDataGbPerMonth: 100,
    albCount: 1,
    albAverageLcu: 1,
  },
  regions: {
    'us-east-1': {
      ec2OnDemandHourly: {
        't3.micro': 0.0104,
        't3.small': 0.0208,
        't3.medium': 0.0416,
        't3.large': 0.0832,
        't3.xlarge': 0.1664,
        't3.2xlarge': 0.3328,
      },
      ec2SpotHourly: {
        't3.micro': 0.0036,
        't3.small': 0.0072,
        't3.medium': 0.0145,
        't3.large': 0.029,
        't3.xlarge': 0.058,
        't3.2xlarge': 0.116,
      },
      ebsGp3GbMonth: 0.08,
      natGatewayHourly: 0.045,
      natGatewayPerGb: 0.045,
      eksClusterHourly: 0.1,
      rdsPostgresHourly: {
        'db.t3.micro': { singleAz: 0.018, multiAz: 0.036 },
        'db.t3.small': { singleAz: 0.036, multiAz: 0.072 },
        'db.t3.medium': { singleAz: 0.072, multiAz: 0.144 },
        'db.t3.large': { singleAz: 0.145, multiAz: 0.29 },
        'db.t3.xlarge': { singleAz: 0.29, multiAz: 0.579 },
        'db.t3.2xlarge': { singleAz: 0.579, multiAz: 1.158 },
      },
      rdsGp3GbMonth: { singleAz: 0.115, multiAz: 0.23 },
      kmsKeyMonthly: 1,
      albHourly: 0.0225,
      albLcuHourly: 0.008,
      interfaceEndpointHourlyPerAz: 0.01,
      secretMonthly: 0.4,
    },
    'eu-west-1': {
      ec2OnDemandHourly: {
        't3.micro': 0.0114,
        't3.small': 0.0228,
        't3.medium': 0.0456,
        't3.large': 0.0912,
        't3.xlarge': 0.1824,
        't3.2xlarge': 0.3648,
      },
      ec2SpotHourly: {
        't3.micro': 0.004,
        't3.small': 0.0079,
        't3.medium': 0.0158,
        't3.large': 0.0316,
        't3.xlarge': 0.0632,
        't3.2xlarge': 0.1264,
      },
      ebsGp3GbMonth: 0.088,
      natGatewayHourly: 0.048,
      natGatewayPerGb: 0.048,
      eksClusterHourly: 0.1,
      rdsPostgresHourly: {
        'db.t3.micro': { singleAz: 0.019, multiAz: 0.038 },
        'db.t3.small': { singleAz: 0.038, multiAz: 0.076 },
        'db.t3.medium': { singleAz: 0.076, multiAz: 0.152 },
        'db.t3.large': { singleAz: 0.152, multiAz: 0.304 },
        'db.t3.xlarge': { singleAz: 0.304, multiAz: 0.608 },
        'db.t3.2xlarge': { singleAz: 0.608, multiAz: 1.216 },
      },
      rdsGp3GbMonth: { singleAz: 0.127, multiAz: 0.254 },
      kmsKeyMonthly: 1,
      albHourly: 0.0252,
      albLcuHourly: 0.008,
      interfaceEndpointHourlyPerAz: 0.011,
      secretMonthly: 0.4,
    },
  },
};
