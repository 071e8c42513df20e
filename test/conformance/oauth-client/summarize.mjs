// The table of an OAuth client conformance run (run-oauth-client.sh): per scenario, the SDK's own client and
// Switchyard, from each run's exit code and log (the suite prints "Passed: n/m, f failed, w warnings" and an
// OVERALL line; a scenario passes when it has no FAILURE check and the suite says PASSED). Writes summary.md
// and summary.json next to the logs. Exits 1 when Switchyard passes fewer scenarios than the reference client,
// or a scenario passes with the reference and fails with Switchyard.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [title, referenceName, out, ...scenarios] = process.argv.slice(2);
const outcome = (scenario, who) => {
  const base = path.join(out, `${scenario.replaceAll('/', '-')}.${who}`);
  let log;
  try {
    log = readFileSync(`${base}.log`, 'utf8');
  } catch {
    return { passed: false, checks: 'no log' };
  }
  const counts = /Passed: (\d+)\/(\d+), (\d+) failed, (\d+) warnings/.exec(log);
  const passed = /OVERALL: PASSED/.test(log);
  const plain = log.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
  const check = /^.*\] (?:FAILURE|WARNING) .*$/m.exec(plain)?.[0].replace(/^.*?\] /, '');
  const exit = [...plain.matchAll(/^(?:harness|sdk-reference-client): (.*)$/gm)].at(-1)?.[1] ?? /^(?:Error|\w+Error): (.*)$/m.exec(plain)?.[1];
  const reason = passed ? '' : (check ?? (exit ? `the client exited with an error: ${exit}` : (/timed out/.exec(plain)?.[0] ?? ''))).trim();
  return { passed, checks: counts ? `${counts[1]}/${counts[2]}${counts[4] !== '0' ? `, ${counts[4]} warning(s)` : ''}` : 'no result', reason };
};
const rows = scenarios.map((scenario) => ({ scenario, reference: outcome(scenario, 'reference'), switchyard: outcome(scenario, 'switchyard') }));
const count = (who) => rows.filter((row) => row[who].passed).length;
const regressions = rows.filter((row) => row.reference.passed && !row.switchyard.passed);
const cell = (result) => `${result.passed ? 'pass' : 'FAIL'} (${result.checks})`;
const why = (result) => result.reason.slice(0, 160).replaceAll('|', '/');
const lines = [
  `## ${title}`,
  '',
  `Reference: ${referenceName}.`,
  '',
  `Reference: ${count('reference')}/${rows.length} passed; Switchyard: ${count('switchyard')}/${rows.length} passed.`,
  '',
  '| scenario | reference | Switchyard | first failing check (reference) | first failing check (Switchyard) |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map((row) => `| ${row.scenario} | ${cell(row.reference)} | ${cell(row.switchyard)} | ${why(row.reference)} | ${why(row.switchyard)} |`),
];
writeFileSync(path.join(out, 'summary.md'), `${lines.join('\n')}\n`);
writeFileSync(path.join(out, 'summary.json'), `${JSON.stringify({ title, reference: referenceName, rows }, null, 2)}\n`);
console.log(lines.join('\n'));
if (count('switchyard') < count('reference')) {
  console.error(`\nSwitchyard passes ${count('switchyard')} scenarios, the reference ${count('reference')}.`);
  process.exitCode = 1;
}
if (regressions.length > 0) {
  console.error(`\nFailing with Switchyard but passing with the reference: ${regressions.map((row) => row.scenario).join(', ')}`);
  process.exitCode = 1;
}
