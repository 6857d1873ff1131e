// Delivery for platform engineers: the files `vibe init` writes, as functions. Only re-exports.
export { allDockerfiles, dockerfileFor, pinnedRowImage, type DockerfileOptions } from './dockerfiles';
export { cdWorkflow, ciWorkflow, ACTIONS as WORKFLOW_ACTIONS, type WorkflowOptions } from './workflows';
export { argoApplication, argoApplicationSet, ARGO_DEFAULTS, type AppSource, type ArgoSettings } from './argocd';
export { parseAppsFile, readAppsFile, type AppsFile } from './apps-file';
export { IMAGE_TAG_FILE, imageTagFileText, PLACEHOLDER_TAG } from './image-tag';
