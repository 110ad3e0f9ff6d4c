/** One resource of a synthesized CloudFormation template (the parts the deployers read). */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, any>;
  DependsOn?: string | string[];
  Metadata?: Record<string, any>;
}

export interface CfnTemplate {
  Resources?: Record<string, CfnResource>;
  Outputs?: Record<
    string,
    { Value: unknown; Description?: string; Export?: { Name: unknown } }
  >;
  [key: string]: unknown;
}

/** A top-level stack of an environment's cloud assembly, with its nested stacks. */
export interface SynthesizedStack {
  stackName: string;
  /** Construct id of the stack (`Network`, `Cluster`, ...). */
  artifactId: string;
  /** Names of the stacks this one depends on (deployed before it). */
  dependencies: string[];
  template: CfnTemplate;
  /** Nested stacks by the logical id of their `AWS::CloudFormation::Stack` resource. */
  nested: { logicalId: string; template: CfnTemplate }[];
}

/** Every resource of the stacks, nested stacks included. */
export function allResources(stacks: SynthesizedStack[]): CfnResource[] {
  return stacks.flatMap(stack =>
    [stack.template, ...stack.nested.map(n => n.template)].flatMap(t =>
      Object.values(t.Resources ?? {}),
    ),
  );
}

/** The top-level template of each stack, by stack name (what a deploy stores for the next diff). */
export function templatesByStackName(
  stacks: SynthesizedStack[],
): Record<string, CfnTemplate> {
  return Object.fromEntries(stacks.map(s => [s.stackName, s.template]));
}
