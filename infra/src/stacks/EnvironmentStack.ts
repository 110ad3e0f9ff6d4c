import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { EnvironmentSpec } from '../spec.ts';

export interface EnvironmentStackProps extends StackProps {
  spec: EnvironmentSpec;
}

/**
 * A stack of one environment: its account, region and zones come from the spec, so
 * CDK never has to look them up (no credentials, no `cdk.context.json`).
 */
export class EnvironmentStack extends Stack {
  readonly spec: EnvironmentSpec;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id, {
      ...props,
      env: { account: props.spec.account, region: props.spec.region },
    });
    this.spec = props.spec;
  }

  override get availabilityZones(): string[] {
    return [...this.spec.network.availabilityZones];
  }

  /**
   * A stack output exported as `<environment name>-<name>`: the names other
   * stacks, the deploy workflow and the portal read an environment's state by.
   */
  protected exportOutput(
    name: string,
    value: string,
    description?: string,
  ): CfnOutput {
    return new CfnOutput(this, name, {
      value,
      description,
      exportName: `${this.spec.name}-${name}`,
    });
  }
}
