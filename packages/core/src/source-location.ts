/** A place in an input file; line and column are 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
}

/** Compiler-style `file:line:col` that terminals and editors link to. */
export function formatLocation(location: SourceLocation): string {
  const column = location.column === undefined ? '' : `:${location.column}`;
  return `${location.file}:${location.line}${column}`;
}
