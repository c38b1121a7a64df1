// Types of scripts/size.mjs, for test/size.test.ts.

export interface BundleSize {
  /** Bytes after esbuild's minifier. */
  minified: number;
  /** Bytes after gzip -9 of the minified bundle. */
  gzip: number;
}

export interface BudgetRow {
  name: string;
  key: 'scenario' | 'adapter' | 'framework' | 'helper';
  gzip: number;
  budget: number;
  met: boolean;
  /** The hard limit while the budget is missed; undefined once it is met. */
  ceiling: number | undefined;
}

export const KB: number;
export const BUDGETS: {
  adapter: number;
  framework: number;
  helper: number;
};
/** Bundles per real use, each with its budget in gzip bytes. */
export const SCENARIOS: Record<string, { contents: string; budget: number }>;
/** Known misses among the scenarios, by name. */
export const SCENARIO_CEILINGS: Record<string, number>;
export const OURS: Record<string, string>;
/** The framework entries, measured against the framework budget. */
export const FRAMEWORKS: string[];
/** Known misses of single entries, by the name of their row. */
export const ENTRY_CEILINGS: Record<string, number>;
export const HELPER_CEILINGS: Partial<
  Record<'fromIssues' | 'toLog' | 'recordError' | 'shouldRetry', number>
>;
export const HELPERS: Record<'fromIssues' | 'toLog' | 'recordError' | 'shouldRetry', string>;
export const COMPETITORS: Record<string, string>;

export function bundleSize(
  contents: string,
  options?: { resolveDir?: string; loader?: 'js' | 'ts'; platform?: 'neutral' | 'node' },
): Promise<BundleSize & { inputs: Record<string, number> }>;
export function measureOurs(): Promise<{
  scenarios: Record<string, BundleSize & { inputs: Record<string, number> }>;
  core: BundleSize & { inputs: Record<string, number> };
  adapters: Record<string, BundleSize>;
  helpers: Record<'fromIssues' | 'toLog' | 'recordError' | 'shouldRetry', BundleSize>;
}>;
export function measureCompetitors(): Promise<Record<string, BundleSize>>;
export function checkBudgets(
  measured?: Awaited<ReturnType<typeof measureOurs>>,
): Promise<BudgetRow[]>;
export function kb(bytes: number): string;
