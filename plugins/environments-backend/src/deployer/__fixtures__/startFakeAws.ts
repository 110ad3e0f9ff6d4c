import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake AWS endpoint received. */
export interface FakeAwsRequest {
  service: 'sts' | 'ssm' | 'cloudformation';
  action: string;
  params: Record<string, string>;
  /** Access key id from the SigV4 Authorization header. */
  accessKeyId?: string;
}

export interface FakeAwsState {
  bootstrapVersion?: string;
  /** Stack status by stack name; missing stacks "do not exist". */
  stacks: Record<
    string,
    {
      status: string;
      outputs?: Record<string, string>;
      /** ISO time of the last update; absent for a stack never updated. */
      lastUpdatedTime?: string;
    }
  >;
  /** Stack events by stack name, newest first (as CloudFormation returns them). */
  events: Record<
    string,
    {
      id: string;
      logicalId: string;
      type: string;
      status: string;
      time: string;
    }[]
  >;
  /** Called on each DescribeStacks, to move stacks along. */
  onDescribeStacks?(): void;
}

const xml = (action: string, ns: string, body: string) =>
  `<${action}Response xmlns="${ns}"><${action}Result>${body}</${action}Result><ResponseMetadata><RequestId>7f6a1c1e-0000-4000-8000-000000000001</RequestId></ResponseMetadata></${action}Response>`;

const CFN_NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise(resolve => {
    let data = '';
    req.on('data', chunk => (data += chunk));
    req.on('end', () => resolve(data));
  });
}

/**
 * A local HTTP server answering STS AssumeRole, SSM GetParameter and CloudFormation
 * DescribeStacks / DescribeStackEvents with responses shaped like the real APIs (test fixture only).
 */
export async function startFakeAws(state: FakeAwsState) {
  const requests: FakeAwsRequest[] = [];
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const accessKeyId = String(req.headers.authorization ?? '').match(
      /Credential=([A-Z0-9]+)\//,
    )?.[1];
    const target = String(req.headers['x-amz-target'] ?? '');
    if (target.startsWith('AmazonSSM.')) {
      const params = JSON.parse(body || '{}');
      requests.push({
        service: 'ssm',
        action: target.slice(10),
        params,
        accessKeyId,
      });
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (state.bootstrapVersion === undefined) {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'ParameterNotFound', message: '' }));
        return;
      }
      res.end(
        JSON.stringify({
          Parameter: {
            Name: params.Name,
            Type: 'String',
            Value: state.bootstrapVersion,
            Version: 3,
            LastModifiedDate: 1764590400,
            ARN: `arn:aws:ssm:us-east-1:210987654321:parameter${params.Name}`,
            DataType: 'text',
          },
        }),
      );
      return;
    }
    const params = Object.fromEntries(new URLSearchParams(body));
    const action = params.Action;
    res.setHeader('content-type', 'text/xml');
    if (action === 'AssumeRole') {
      requests.push({ service: 'sts', action, params, accessKeyId });
      res.end(
        xml(
          'AssumeRole',
          'https://sts.amazonaws.com/doc/2011-06-15/',
          `<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:${
            params.RoleSessionName
          }</AssumedRoleId><Arn>${params.RoleArn}/${
            params.RoleSessionName
          }</Arn></AssumedRoleUser><Credentials><AccessKeyId>ASIAASSUMEDROLEKEY01</AccessKeyId><SecretAccessKey>assumed-secret</SecretAccessKey><SessionToken>assumed-session-token</SessionToken><Expiration>${new Date(
            Date.now() + 3600_000,
          ).toISOString()}</Expiration></Credentials>`,
        ),
      );
      return;
    }
    requests.push({ service: 'cloudformation', action, params, accessKeyId });
    const stack = state.stacks[params.StackName];
    if (!stack) {
      res.statusCode = 400;
      res.end(
        `<ErrorResponse xmlns="${CFN_NS}"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ${params.StackName} does not exist</Message></Error><RequestId>7f6a1c1e-0000-4000-8000-000000000002</RequestId></ErrorResponse>`,
      );
      return;
    }
    if (action === 'DescribeStacks') {
      state.onDescribeStacks?.();
      const outputs = Object.entries(stack.outputs ?? {})
        .map(
          ([k, v]) =>
            `<member><OutputKey>${k}</OutputKey><OutputValue>${v}</OutputValue></member>`,
        )
        .join('');
      res.end(
        xml(
          'DescribeStacks',
          CFN_NS,
          `<Stacks><member><StackId>arn:aws:cloudformation:us-east-1:210987654321:stack/${
            params.StackName
          }/0c1d</StackId><StackName>${
            params.StackName
          }</StackName><CreationTime>2026-12-01T10:00:00.000Z</CreationTime>${
            stack.lastUpdatedTime
              ? `<LastUpdatedTime>${stack.lastUpdatedTime}</LastUpdatedTime>`
              : ''
          }<StackStatus>${
            stack.status
          }</StackStatus><Outputs>${outputs}</Outputs></member></Stacks>`,
        ),
      );
      return;
    }
    const events = (state.events[params.StackName] ?? [])
      .map(
        e =>
          `<member><StackId>arn:aws:cloudformation:us-east-1:210987654321:stack/${params.StackName}/0c1d</StackId><EventId>${e.id}</EventId><StackName>${params.StackName}</StackName><LogicalResourceId>${e.logicalId}</LogicalResourceId><ResourceType>${e.type}</ResourceType><Timestamp>${e.time}</Timestamp><ResourceStatus>${e.status}</ResourceStatus></member>`,
      )
      .join('');
    res.end(
      xml(
        'DescribeStackEvents',
        CFN_NS,
        `<StackEvents>${events}</StackEvents>`,
      ),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
