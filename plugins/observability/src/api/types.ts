/** Minimal shapes of the Kubernetes objects the view reads. */
export interface KubeMetadata {
  name: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  labels?: Record<string, string>;
  creationTimestamp?: string;
}

export interface KubeCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface KubeContainerState {
  running?: { startedAt?: string };
  waiting?: { reason?: string; message?: string };
  terminated?: { reason?: string; exitCode?: number; finishedAt?: string };
}

export interface KubePod {
  metadata: KubeMetadata;
  spec?: { nodeName?: string };
  status?: {
    phase?: string;
    conditions?: KubeCondition[];
    containerStatuses?: Array<{
      name: string;
      ready: boolean;
      restartCount: number;
      state?: KubeContainerState;
      lastState?: KubeContainerState;
    }>;
  };
}

export interface KubeDeployment {
  metadata: KubeMetadata;
  spec?: { replicas?: number };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    conditions?: KubeCondition[];
  };
}

export interface KubeHorizontalPodAutoscaler {
  metadata: KubeMetadata;
  spec?: {
    minReplicas?: number;
    maxReplicas: number;
    scaleTargetRef?: { kind: string; name: string };
  };
  status?: { currentReplicas?: number; desiredReplicas?: number };
}

/** The objects of one entity in one cluster. */
export interface ClusterWorkloads {
  clusterName: string;
  deployments: KubeDeployment[];
  pods: KubePod[];
  horizontalPodAutoscalers: KubeHorizontalPodAutoscaler[];
}

/** A Kubernetes cluster known to the Kubernetes backend. */
export interface KubernetesClusterInfo {
  name: string;
  title?: string;
}

/** Where an entity's objects are found in each cluster. */
export interface KubernetesTarget {
  labelSelector: string;
  namespace?: string;
}

/** One series of a Prometheus range query; NaN samples are dropped. */
export interface PrometheusSeries {
  metric: Record<string, string>;
  values: Array<[number, number]>;
}

export interface PrometheusRangeQuery {
  query: string;
  /** Unix seconds. */
  start: number;
  /** Unix seconds. */
  end: number;
  /** Seconds. */
  step: number;
}

/** An active (pending or firing) Prometheus alert. */
export interface PrometheusAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'firing' | 'pending' | string;
  activeAt?: string;
  value?: string;
}

/** A dashboard from Grafana's search API. */
export interface GrafanaDashboard {
  uid: string;
  title: string;
  url: string;
  folderTitle?: string;
  tags: string[];
}

/** A Grafana alert rule with its state (from Grafana's Prometheus-compatible rules API). */
export interface GrafanaAlertRule {
  name: string;
  state: 'firing' | 'pending' | 'inactive' | 'nodata' | 'error' | string;
  health?: string;
  group: string;
  folder?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  activeAt?: string;
}
