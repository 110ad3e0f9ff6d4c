import { createHash } from 'node:crypto';
import type { CfnTemplate } from '../plan/SynthesizedStack';

/** A deterministic source of random-looking ids, so that every replica computes the same values. */
export function idSource(seed: string) {
  let counter = 0;
  const next = (length: number, alphabet: string) => {
    let out = '';
    while (out.length < length) {
      const digest = createHash('sha256')
        .update(`${seed}:${counter++}`)
        .digest();
      for (const byte of digest) {
        if (out.length < length) out += alphabet[byte % alphabet.length];
      }
    }
    return out;
  };
  return {
    hex: (length: number) => next(length, '0123456789abcdef'),
    upperHex: (length: number) => next(length, '0123456789ABCDEF'),
    alnum: (length: number) =>
      next(
        length,
        'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
      ),
  };
}

function fakeCertificateAuthority(ids: ReturnType<typeof idSource>): string {
  const body = Buffer.from(ids.hex(600), 'hex').toString('base64');
  const lines = body.match(/.{1,64}/g) ?? [];
  const pem = `-----BEGIN CERTIFICATE-----\n${lines.join(
    '\n',
  )}\n-----END CERTIFICATE-----\n`;
  return Buffer.from(pem).toString('base64');
}

/**
 * Stack outputs as AWS would return them (EKS endpoint, CA data, RDS endpoint, ARNs),
 * computed from the template's output definitions. CDK's cross-stack `ExportsOutput*`
 * outputs are left out.
 */
export function simulatedOutputs(
  stackName: string,
  template: CfnTemplate,
  target: { account: string; region: string; environmentName: string },
): Record<string, string> {
  const { account, region, environmentName } = target;
  const ids = idSource(`${account}/${region}/${stackName}`);
  const resources = template.Resources ?? {};
  const physicalName = (logicalId: string): string => {
    const props = resources[logicalId]?.Properties ?? {};
    const named =
      props.Config?.name ??
      props.Name ??
      props.RoleName ??
      props.BucketName ??
      props.NodegroupName;
    return typeof named === 'string'
      ? named
      : `${stackName}-${logicalId.slice(0, 40)}-${ids.alnum(12)}`;
  };
  const resolve = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const v = value as Record<string, any>;
    if (v?.Ref) {
      const resource = resources[v.Ref];
      if (resource?.Type === 'AWS::IAM::OIDCProvider') {
        return `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`;
      }
      if (resource?.Type === 'AWS::SecretsManager::Secret') {
        return `arn:aws:secretsmanager:${region}:${account}:secret:${physicalName(
          v.Ref,
        )}-${ids.alnum(6)}`;
      }
      return physicalName(v.Ref);
    }
    const [logicalId, attribute] = v?.['Fn::GetAtt'] ?? [];
    switch (attribute) {
      case 'Arn':
        return resources[logicalId]?.Type === 'AWS::IAM::Role'
          ? `arn:aws:iam::${account}:role/${physicalName(logicalId)}`
          : `arn:aws:${(resources[logicalId]?.Type ?? '::')
              .split('::')[1]
              ?.toLowerCase()}:${region}:${account}:${physicalName(logicalId)}`;
      case 'Endpoint':
        return `https://${ids.upperHex(32)}.gr7.${region}.eks.amazonaws.com`;
      case 'CertificateAuthorityData':
        return fakeCertificateAuthority(ids);
      case 'OpenIdConnectIssuerUrl':
        return `https://oidc.eks.${region}.amazonaws.com/id/${ids.upperHex(
          32,
        )}`;
      case 'ClusterSecurityGroupId':
        return `sg-${ids.hex(17)}`;
      case 'Endpoint.Address':
        return `${environmentName}-database.${ids
          .alnum(12)
          .toLowerCase()}.${region}.rds.amazonaws.com`;
      case 'Endpoint.Port':
        return '5432';
      default:
        return `${physicalName(logicalId ?? 'Output')}${
          attribute ? `.${attribute}` : ''
        }`;
    }
  };
  return Object.fromEntries(
    Object.entries(template.Outputs ?? {})
      .filter(([key]) => !key.startsWith('ExportsOutput'))
      .map(([key, output]) => [key, resolve(output.Value)]),
  );
}
