// Reading any manifest set (ours, hand-written, Helm output) with file and line of each object.
export * from './load-manifests';
export * from './manifest-object';
export * from './parse-manifests';
