import { z } from 'zod';

const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS label')
  .max(63);
const quantity = z
  .string()
  .regex(/^\d+(\.\d+)?(m|Mi|Gi)?$/, 'must be a Kubernetes quantity');

/**
 * How the portal (the Backstage backend serving the app) runs on the cluster that
 * this package builds. The defaults are the design's numbers: 3–10 replicas on
 * CPU 70 %, HTTPS 443 at an ALB, database credentials from Secrets Manager.
 */
export const portalDeploymentSpecSchema = z.strictObject({
  /**
   * Defaults to the environment's application namespace: it has the restricted Pod
   * Security label and default-deny ingress (platformManifests), and the GitHub
   * deploy role may edit there (EKS access entry), so deploy.yml can apply.
   */
  namespace: dnsLabel.optional(),
  /** Image in ECR, pinned by tag or digest (deploy.yml sets it per commit). */
  image: z
    .string()
    .regex(
      /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\/[a-z0-9._/-]+(:[\w.-]+|@sha256:[a-f0-9]{64})$/,
      'must be an ECR image pinned by tag or digest',
    ),
  /** Public host name of the portal; the ALB listens on 443 for it. */
  host: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'must be a host name'),
  /** ACM certificate of `host` for the ALB's HTTPS listener. */
  certificateArn: z
    .string()
    .regex(
      /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[a-f0-9-]+$/,
      'must be an ACM certificate ARN',
    ),
  /** IRSA role of the portal's service account (Secrets Manager, environment deploys). */
  serviceAccountRoleArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'must be an IAM role ARN'),
  /** Secrets Manager secret (name or ARN) of the RDS credentials (Database stack). */
  databaseSecret: z
    .string()
    .regex(
      /^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+|[\w/+=.@-]+)$/,
      'must be a Secrets Manager secret name or ARN',
    ),
  replicas: z
    .strictObject({
      min: z.number().int().min(3).default(3),
      max: z.number().int().max(50).default(10),
    })
    .default({ min: 3, max: 10 })
    .refine(r => r.min <= r.max, 'min must be at most max'),
  cpuTargetPercent: z.number().int().min(10).max(95).default(70),
  resources: z
    .strictObject({
      requests: z.strictObject({ cpu: quantity, memory: quantity }),
      limits: z.strictObject({ cpu: quantity, memory: quantity }),
    })
    .default({
      requests: { cpu: '500m', memory: '1Gi' },
      limits: { cpu: '2', memory: '2Gi' },
    }),
  /**
   * HTTPS destinations outside the VPC the backend may reach (GitHub sign-in and
   * API, public EKS endpoints). Empty by default: egress is only RDS, DNS and the
   * VPC's AWS endpoints, as the design asks; list GitHub's published CIDRs here.
   */
  externalHttpsCidrs: z.array(z.cidrv4()).default([]),
  port: z.number().int().default(7007),
  metricsPort: z.number().int().default(9464),
});

export type PortalDeploymentSpec = z.output<typeof portalDeploymentSpecSchema>;
export type PortalDeploymentInput = z.input<typeof portalDeploymentSpecSchema>;

/** Validates a portal deployment; errors name the field (`replicas.min: ...`). */
export function parsePortalDeploymentSpec(
  input: unknown,
): PortalDeploymentSpec {
  const result = portalDeploymentSpecSchema.safeParse(input);
  if (!result.success) {
    throw new Error(
      result.error.issues
        .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; '),
    );
  }
  return result.data;
}
