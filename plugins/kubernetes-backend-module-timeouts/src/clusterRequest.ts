import type { ClusterDetails } from '@backstage/plugin-kubernetes-node';
import type { KubernetesCredential } from '@backstage/plugin-kubernetes-node';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';

/** A Kubernetes API answer: status, URL path and body text. */
export interface ClusterResponse {
  status: number;
  path: string;
  body: string;
}

const SERVICEACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * GETs a path of a cluster's API as the stock fetcher does (bearer token or
 * client certificate, the cluster's CA, `skipTLSVerify`, the in-cluster
 * service account), but aborts with `signal`: Node's http(s) request closes
 * the socket, so a hanging cluster leaves nothing behind.
 */
export class ClusterRequester {
  private readonly agents = new Map<string, https.Agent>();

  async get(
    cluster: ClusterDetails,
    credential: KubernetesCredential,
    path: string,
    query: Record<string, string | undefined>,
    signal: AbortSignal,
  ): Promise<ClusterResponse> {
    const inCluster = this.usesInClusterServiceAccount(cluster);
    const base = new URL(
      inCluster
        ? `https://${process.env.KUBERNETES_SERVICE_HOST}:${process.env.KUBERNETES_SERVICE_PORT}`
        : cluster.url,
    );
    if (
      !inCluster &&
      credential.type === 'anonymous' &&
      cluster.authMetadata['kubernetes.io/auth-provider'] !==
        'localKubectlProxy'
    ) {
      throw new Error(
        `no bearer token or client cert for cluster '${cluster.name}' and not running in Kubernetes`,
      );
    }
    const url = new URL(base.toString());
    url.pathname = `${base.pathname.replace(/\/$/, '')}${path}`;
    for (const [key, value] of Object.entries(query)) {
      if (value) url.searchParams.set(key, value);
    }
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (credential.type === 'bearer token') {
      headers.Authorization = `Bearer ${credential.token}`;
    } else if (inCluster) {
      headers.Authorization = `Bearer ${fs.readFileSync(
        `${SERVICEACCOUNT_DIR}/token`,
        'utf8',
      )}`;
    }
    const isHttps = url.protocol === 'https:';
    const agent = isHttps
      ? this.agentFor(cluster, credential, inCluster)
      : undefined;
    return new Promise((resolve, reject) => {
      const request = (isHttps ? https : http).get(
        url,
        { headers, agent, signal },
        response => {
          const chunks: Buffer[] = [];
          response.on('data', chunk => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              path: url.pathname,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      request.on('error', reject);
    });
  }

  private usesInClusterServiceAccount(cluster: ClusterDetails): boolean {
    return (
      cluster.authMetadata['kubernetes.io/auth-provider'] ===
        'serviceAccount' &&
      !cluster.authMetadata.serviceAccountToken &&
      fs.existsSync(`${SERVICEACCOUNT_DIR}/ca.crt`)
    );
  }

  private agentFor(
    cluster: ClusterDetails,
    credential: KubernetesCredential,
    inCluster: boolean,
  ): https.Agent {
    const cert =
      credential.type === 'x509 client certificate'
        ? { cert: credential.cert, key: credential.key }
        : {};
    const key = [
      cluster.url,
      cluster.skipTLSVerify ?? false,
      cluster.caData ?? '',
      cluster.caFile ?? '',
      cert.cert ?? '',
      cert.key ?? '',
      inCluster,
    ].join('|');
    let agent = this.agents.get(key);
    if (!agent) {
      let ca: Buffer | undefined;
      if (inCluster) ca = fs.readFileSync(`${SERVICEACCOUNT_DIR}/ca.crt`);
      else if (cluster.caFile) ca = fs.readFileSync(cluster.caFile);
      else if (cluster.caData) ca = Buffer.from(cluster.caData, 'base64');
      agent = new https.Agent({
        ca,
        rejectUnauthorized: !cluster.skipTLSVerify,
        keepAlive: true,
        ...cert,
      });
      this.agents.set(key, agent);
    }
    return agent;
  }
}
