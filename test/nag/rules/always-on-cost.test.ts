import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { findings, newStack } from './utils';

describe('FinOps-AlwaysOnCost (warning)', () => {
  test('non-compliant: NAT gateways, interface endpoints and public IPv4 addresses', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 1 });
    vpc.addInterfaceEndpoint('Sts', { service: ec2.InterfaceVpcEndpointAwsService.STS });
    expect(findings(stack, 'FinOps-AlwaysOnCost')).toEqual([
      'FinOps-AlwaysOnCost[AWS::EC2::EIP] Test/Vpc/PublicSubnet1/EIP',
      'FinOps-AlwaysOnCost[AWS::EC2::NatGateway] Test/Vpc/PublicSubnet1/NATGateway',
      'FinOps-AlwaysOnCost[AWS::EC2::VPCEndpoint] Test/Vpc/Sts/Resource',
    ]);
  });

  test('compliant: a VPC without NAT and its free gateway endpoints', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    expect(findings(stack, 'FinOps-AlwaysOnCost')).toEqual([]);
  });
});
