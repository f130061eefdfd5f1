/**
 * Cost facts the FinOps rule pack (src/nag) checks: which instance families AWS calls previous
 * generation and which resources bill by the hour whether or not they are used. A named
 * constant each, with the AWS page that states it.
 */

/**
 * EC2 instance families AWS lists as previous generation, or superseded in the same family by a
 * generation with a lower price per unit of performance (t2 → t3/t4g, m4 → m5/m7g, c4 → c5/c7g,
 * r4 → r5/r7g).
 * @see https://aws.amazon.com/ec2/previous-generation/
 * @see https://docs.aws.amazon.com/ec2/latest/instancetypes/pg.html
 */
export const PREVIOUS_GENERATION_EC2_FAMILIES: readonly string[] = [
  'a1', 'c1', 'c3', 'c4', 'cc2', 'cr1', 'd2', 'g2', 'g3', 'g3s', 'hi1', 'hs1', 'i2',
  'm1', 'm2', 'm3', 'm4', 'p2', 'r3', 'r4', 't1', 't2', 'x1', 'x1e',
];

/**
 * RDS DB instance classes of previous generations (db.t2, db.m4 and db.r4 reached end of
 * support in 2024; their successors cost less for the same capacity).
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html
 * @see https://aws.amazon.com/rds/previous-generation/
 */
export const PREVIOUS_GENERATION_RDS_CLASSES: readonly string[] = [
  'db.m1', 'db.m2', 'db.m3', 'db.m4', 'db.r3', 'db.r4', 'db.t1', 'db.t2', 'db.x1', 'db.x1e',
];

/** A resource type that bills every hour it exists, used or not, and why. */
export interface AlwaysOnCost {
  /** The CloudFormation resource type. */
  readonly resourceType: string;
  /** What it costs while idle, for the reviewer. */
  readonly hourlyCost: string;
  /** The AWS pricing page that states it. */
  readonly pricing: string;
}

/** Resources that bill by the hour while they exist, whatever their traffic. */
export const ALWAYS_ON_COSTS: readonly AlwaysOnCost[] = [
  { resourceType: 'AWS::EC2::NatGateway', hourlyCost: 'an hourly charge per NAT gateway plus per GB processed', pricing: 'https://aws.amazon.com/vpc/pricing/' },
  { resourceType: 'AWS::EC2::VPCEndpoint', hourlyCost: 'an hourly charge per interface endpoint and Availability Zone', pricing: 'https://aws.amazon.com/privatelink/pricing/' },
  { resourceType: 'AWS::EC2::EIP', hourlyCost: 'an hourly charge per public IPv4 address', pricing: 'https://aws.amazon.com/vpc/pricing/' },
  { resourceType: 'AWS::EC2::TransitGatewayAttachment', hourlyCost: 'an hourly charge per attachment', pricing: 'https://aws.amazon.com/transit-gateway/pricing/' },
  { resourceType: 'AWS::EC2::TransitGatewayVpcAttachment', hourlyCost: 'an hourly charge per attachment', pricing: 'https://aws.amazon.com/transit-gateway/pricing/' },
  { resourceType: 'AWS::EC2::ClientVpnEndpoint', hourlyCost: 'an hourly charge per associated subnet', pricing: 'https://aws.amazon.com/vpn/pricing/' },
  { resourceType: 'AWS::NetworkFirewall::Firewall', hourlyCost: 'an hourly charge per firewall endpoint', pricing: 'https://aws.amazon.com/network-firewall/pricing/' },
  { resourceType: 'AWS::GlobalAccelerator::Accelerator', hourlyCost: 'an hourly fixed fee per accelerator', pricing: 'https://aws.amazon.com/global-accelerator/pricing/' },
];

/**
 * Interface endpoints bill by the hour; gateway endpoints (S3, DynamoDB) are free.
 * @see https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
 */
export const FREE_VPC_ENDPOINT_TYPE = 'Gateway';

/**
 * gp3 costs about 20% less per GB than gp2 and includes 3,000 IOPS and 125 MiB/s.
 * AWS::EC2::Volume defaults VolumeType to gp2 when it is not set.
 * @see https://aws.amazon.com/ebs/pricing/
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-volume.html#cfn-ec2-volume-volumetype
 */
export const SUPERSEDED_EBS_VOLUME_TYPE = 'gp2';

/**
 * Arm64 (Graviton2) Lambda functions cost about 20% less per GB-second than x86_64, and x86_64
 * is the default when Architectures is not set.
 * @see https://aws.amazon.com/lambda/pricing/
 * @see https://docs.aws.amazon.com/lambda/latest/dg/foundation-arch.html
 */
export const LAMBDA_ARM64 = 'arm64';
