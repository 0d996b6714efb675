// `npm run --silent summary -- <company|individual> <id> [--today YYYY-MM-DD] [--no-ai] [--json] [--lang fr|en]
// [--source auto|invoicing|sales]`. Everything but process wiring lives in lib/summary/cli.ts.
import { runSummaryCli } from '../lib/summary/cli';

const code = await runSummaryCli(process.argv.slice(2), process.env, {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTty: process.stderr.isTTY === true,
  now: () => new Date(),
});
process.exitCode = code;
