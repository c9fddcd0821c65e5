export interface Label {
  file: string;
  line: number;
  endLine?: number;
  label: "secret" | "decoy" | "either";
  type: string;
}
export interface Score {
  precision: number;
  recall: number;
  truePositiveLines: number;
  falsePositiveLines: number;
  ignoredLines: number;
  secrets: number;
  secretsFound: number;
  recallByType: Record<string, { total: number; found: number }>;
  falsePositivesByType: Record<string, number>;
  missed: { file: string; line: number; type: string }[];
  falsePositives: { file: string; line: number; type: string; rules: string[] }[];
}
export function scoreSarif(input: { labels: Label[]; sarif: unknown; root: string; base: string }): Score;
