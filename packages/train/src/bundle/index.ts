export {
  exportBundle,
  type BundleConfigInput,
  type ExportBundleOptions,
  type ExportedBundle,
} from './export-bundle.js';
export { loadBundle, openBundleSource, type Bundle, type LoadBundleOptions } from './load-bundle.js';
export { BUNDLE_FORMAT_VERSION, resolveBundleConfig, type BundleConfig } from './bundle-config.js';
export { type BundleSource, isHttpUrl } from './bundle-source.js';
export { urlBundleSource } from './url-source.js';
export { renderModelCard, type ModelCardOptions } from './model-card.js';
export {
  DEFAULT_SHARD_SIZE_BYTES,
  checkWeightBytes,
  modelArtifactsToFiles,
  saveToArtifacts,
  weightSpecsByteLength,
  type ModelFile,
  type ModelFilesOptions,
} from './model-files.js';
export { withoutInitializers, zeroInitializers } from './skip-initializers.js';
export { parseJsonFile } from './json-file.js';
export { createDirectoryIOHandler } from './directory-handler-factory.js';
