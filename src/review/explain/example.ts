/** One file of an example, its path relative to the check's fixture folder. */
export interface ExampleFile {
  readonly path: string;
  readonly text: string;
}

/** A fixture of a check, as `vibe explain` shows it: a single file, or a folder's files. */
export interface CheckExample {
  /** The fixture's name under test/checks/<ID>/ (`fail.latest.yaml`, `pass.no-host`). */
  readonly fixture: string;
  readonly files: readonly ExampleFile[];
}

/** A failing and a passing example of one check. */
export interface CheckExamples {
  readonly failing: CheckExample;
  readonly passing: CheckExample;
}
