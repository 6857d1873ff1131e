/**
 * A NetworkPolicy the Kubernetes API server would refuse. Such a policy never exists in the
 * cluster, so it neither isolates nor allows anything; the evaluator reports it and moves on.
 */
export class InvalidPolicyError extends Error {
  constructor(
    /** Dotted path in the policy (`spec.ingress[0].from[1].ipBlock.cidr`). */
    public readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InvalidPolicyError';
  }
}
