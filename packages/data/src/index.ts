export {
  type NumberedLine,
  type LineBatch,
  readLines,
  readLineBatches,
  lineBatchesOf,
  linesOf,
  linesOfString,
  lineBatchesOfString,
  openTextStream,
  isGzipFile,
} from './line-reader.js';
export { type RecordStream, recordStream, collectRecords } from './record-stream.js';

// CoNLL-U
export {
  CONLLU_FIELDS,
  type ConlluField,
  type ConlluWord,
  type ConlluMultiwordToken,
  type ConlluEmptyNode,
  type ConlluSentence,
  type ConlluSummary,
  emptyConlluSummary,
  conlluColumn,
} from './conllu/conllu-sentence.js';
export { type ConlluOptions, parseConlluLines } from './conllu/conllu-parser.js';
export {
  type LoadedConllu,
  readConllu,
  readConlluString,
  loadConllu,
  loadConlluString,
} from './conllu/conllu-reader.js';

// CoNLL column files and tag schemes
export {
  TAG_SCHEMES,
  type TagScheme,
  type TagSpan,
  type TagLocator,
  IN_MEMORY_TAGS,
  tagsToSpans,
  spansToTags,
} from './conll/tag-spans.js';
export {
  convertTags,
  isValidTagSequence,
  compatibleTagSchemes,
  detectTagScheme,
} from './conll/tag-scheme.js';
export {
  type ConllColumnMap,
  type ConllSeparator,
  type ConllTagColumnOptions,
  type ConllColumnOptions,
  type ConllSentence,
  type ConllSummary,
  CONLL_2003_COLUMNS,
  CONLL_2000_COLUMNS,
  emptyConllSummary,
} from './conll/conll-sentence.js';
export { parseConllLines } from './conll/conll-parser.js';
export {
  type LoadedConll,
  readConllColumns,
  readConllColumnsString,
  loadConllColumns,
  loadConllColumnsString,
} from './conll/conll-reader.js';

// SST: sentiment trees, `label sentence` files, labelled TSV/CSV
export { SST5_LABELS, SST2_LABELS, SST_NEUTRAL, binariseSst } from './sst/sst-labels.js';
export { type SentimentTree, parseSentimentTree, treeTokens, treeNodes } from './sst/sentiment-tree.js';
export {
  type SstPhrase,
  type SstTreeRecord,
  type SstTreeOptions,
  type SstTreeSummary,
  readSstTrees,
  readSstTreesString,
  loadSstTrees,
} from './sst/sst-tree-reader.js';
export {
  type LabelledSentence,
  type LabelledSentenceOptions,
  type LabelledSentenceSummary,
  SST5_LABEL_IDS,
  readLabelledSentences,
  readLabelledSentencesString,
  loadLabelledSentences,
} from './sst/labelled-sentence-reader.js';
export {
  type LabelledRow,
  type LabelledTableOptions,
  type LabelledTableSummary,
  readLabelledTable,
  readLabelledTableString,
  loadLabelledTable,
} from './sst/labelled-table-reader.js';

// parallel, captions, writers, download
export {
  type ParallelPair,
  type ParallelReadSummary,
  type EmptySidePolicy,
  EMPTY_SIDE_POLICIES,
} from './parallel/parallel-pair.js';
export { type TsvPairsOptions, readTsvPairs, readTsvPairsString } from './parallel/tsv-pairs-reader.js';
export { type AlignedPairsOptions, readAlignedPairs } from './parallel/aligned-pairs-reader.js';
export {
  type ImageCaption,
  type CaptionReadSummary,
  type Flickr8kCaptionsOptions,
  readFlickr8kCaptions,
  readFlickr8kCaptionsString,
} from './captions/flickr8k-captions-reader.js';
export { type ImageList, readImageList } from './captions/image-list-reader.js';
export { type Flickr8kSplit, loadFlickr8kSplit } from './captions/flickr8k-split.js';
export { type CocoImage, type CocoCaptions, readCocoCaptions } from './captions/coco-captions-reader.js';
export { AtomicFile, writeFileAtomic, writeAtomically } from './writers/atomic-file.js';
export { type TsvWriteOptions, type WriteSummary, writeTsv } from './writers/tsv-writer.js';
export { writeJsonl } from './writers/jsonl-writer.js';
export { type JsonlRecord, readJsonl } from './writers/jsonl-reader.js';
export { type ConlluPrediction, type ConlluWriteOptions, writeConllu } from './writers/conllu-writer.js';
export { type ConllPrediction, type ConllWriteOptions, writeConllColumns } from './writers/conll-writer.js';
export {
  type UnpackKind,
  type KeptFile,
  type ManifestFile,
  type DatasetManifest,
  UNPACK_KINDS,
  validateManifest,
} from './download/dataset-manifest.js';
export { DATASET_MANIFESTS } from './download/dataset-manifests.js';
export {
  type DownloadProgress,
  type DownloadOptions,
  type DownloadResult,
  downloadFile,
} from './download/download-file.js';
export { type UnpackedFile, unpack } from './download/unpack.js';
export { sha256File } from './download/sha256-file.js';
export {
  type FetchDatasetOptions,
  type FetchDatasetResult,
  SHA256SUMS,
  fetchDataset,
} from './download/fetch-dataset.js';
