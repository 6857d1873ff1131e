// Who can reach whom in a manifest set, by Kubernetes NetworkPolicy semantics.
export * from './actors';
export * from './endpoints';
export * from './flows-json';
export * from './graph-nodes';
export * from './invalid-policy';
export * from './ip-block';
export * from './label-selector';
export * from './mermaid';
export * from './network-model';
export * from './network-policy';
export * from './policy-meaning';
export * from './set-graph';
