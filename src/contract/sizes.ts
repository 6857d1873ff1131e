/** The five t-shirt sizes a creator can pick. */
export const SIZES = ['xs', 'sm', 'md', 'lg', 'xl'] as const;
export type Size = (typeof SIZES)[number];

export interface ResourceSpec {
  readonly cpuRequest: string;
  readonly cpuLimit: string;
  readonly memoryRequest: string;
  readonly memoryLimit: string;
  readonly useCase: string;
}

/** The platform's resource table: the only source of requests and limits. */
export const SIZE_TABLE: Readonly<Record<Size, ResourceSpec>> = {
  xs: { cpuRequest: '50m', cpuLimit: '200m', memoryRequest: '64Mi', memoryLimit: '128Mi', useCase: 'static sites, minimal APIs' },
  sm: { cpuRequest: '100m', cpuLimit: '300m', memoryRequest: '128Mi', memoryLimit: '256Mi', useCase: 'light web apps' },
  md: { cpuRequest: '200m', cpuLimit: '500m', memoryRequest: '256Mi', memoryLimit: '512Mi', useCase: 'standard apps (default)' },
  lg: { cpuRequest: '500m', cpuLimit: '1000m', memoryRequest: '512Mi', memoryLimit: '1Gi', useCase: 'data-heavy apps' },
  xl: { cpuRequest: '1000m', cpuLimit: '2000m', memoryRequest: '1Gi', memoryLimit: '2Gi', useCase: 'intensive workloads' },
};

export const DEFAULT_SIZE: Size = 'md';

/** Databases and brokers lose data or stall below this size, whatever the app's size. */
export const STATEFUL_MINIMUM_SIZE: Size = 'md';

/** Helpers (nginx, exporters, init containers, the mgmt sidecar) always run at this size. */
export const HELPER_SIZE: Size = 'xs';

export interface ScalingSpec {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly targetCpuUtilization: number;
}

/** HPA bounds per app size; CPU target is 70% everywhere. */
export const HPA_TABLE: Readonly<Record<Size, ScalingSpec>> = {
  xs: { minReplicas: 1, maxReplicas: 2, targetCpuUtilization: 70 },
  sm: { minReplicas: 1, maxReplicas: 3, targetCpuUtilization: 70 },
  md: { minReplicas: 2, maxReplicas: 4, targetCpuUtilization: 70 },
  lg: { minReplicas: 2, maxReplicas: 6, targetCpuUtilization: 70 },
  xl: { minReplicas: 3, maxReplicas: 10, targetCpuUtilization: 70 },
};

/** The larger of two sizes (used to lift stateful components to their minimum). */
export function atLeast(size: Size, minimum: Size): Size {
  return SIZES.indexOf(size) >= SIZES.indexOf(minimum) ? size : minimum;
}
