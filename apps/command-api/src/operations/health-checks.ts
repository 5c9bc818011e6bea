/** A dependency `/health` probes (event store, read store, queue, mail); `probe` rejects when it is down. */
export interface HealthCheck {
  name: string;
  probe(): Promise<void>;
}

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
