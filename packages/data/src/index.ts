export {
  type NumberedLine,
  readLines,
  linesOf,
  linesOfString,
  openTextStream,
  isGzipFile,
} from './line-reader.js';

// parallel, captions, writers, download
