/**
 * scicomp/workflow: the orchestrator (see docs). Built on the public API only.
 * The orchestrator has not landed yet; this entry point exists so the subpath resolves.
 */
export const WORKFLOW_AVAILABLE = false as const;
