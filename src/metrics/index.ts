/**
 * scicomp/metrics: the prom-client layer (registry injected, nothing global).
 * The metrics layer has not landed yet; this entry point exists so the subpath resolves.
 */
export const METRICS_AVAILABLE = false as const;
