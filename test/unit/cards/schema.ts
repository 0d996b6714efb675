// The output contract: docs/summary.schema.json (definitions in docs/summary-contract.md), checked with ajv (draft 2020-12).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const schemaPath = fileURLToPath(new URL('../../../docs/summary.schema.json', import.meta.url));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
export const validateSummary = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

/** Null when valid, else ajv's errors in one readable string. */
export function schemaErrors(value: unknown): string | null {
  return validateSummary(value) ? null : ajv.errorsText(validateSummary.errors, { separator: '\n' });
}
