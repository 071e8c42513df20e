#!/usr/bin/env node
// Compares two runs of the MCP conformance suite (`conformance server ... -o <dir>`): the fixture served directly
// and the same fixture behind the Switchyard gateway. Helper of run.sh; plain Node, no dependencies.
//
//   node summarize.mjs <title> <direct dir> <gateway dir> [<direct log> <gateway log>]
//
// A scenario passes when none of its checks is FAILURE (the suite's own rule); WARNING checks are counted and
// shown. The scenarios a run started are read from its log ("=== Running scenario: X ==="), so a scenario that
// left no checks.json shows as MISSING. Prints a table (scenario, direct, gateway), the failing checks of every
// scenario that fails through the gateway, writes summary.json and summary.md next to the two dirs, and exits 1
// when the direct run has a failing or missing scenario, or when a scenario fails through the gateway that passes
// directly (a warning difference alone does not fail the run).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [title, directDir, gatewayDir, directLog, gatewayLog] = process.argv.slice(2);
if (!title || !directDir || !gatewayDir) {
  process.stderr.write('usage: summarize.mjs <title> <direct dir> <gateway dir> [<direct log> <gateway log>]\n');
  process.exit(2);
}

/** scenario name -> { status: 'pass' | 'FAIL' | 'MISSING', failed, warnings, passed, checks } */
function readRun(dir, log) {
  const runs = new Map();
  if (existsSync(dir)) {
    for (const entry of readdirSync(dir).sort()) {
      const match = /^server-(.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$/.exec(entry);
      const file = join(dir, entry, 'checks.json');
      if (!match || !existsSync(file)) continue;
      let checks;
      try {
        checks = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        checks = [{ id: 'checks-json', status: 'FAILURE', errorMessage: `unreadable ${file}` }];
      }
      const count = (status) => checks.filter((c) => c.status === status).length;
      const failed = count('FAILURE');
      runs.set(match[1], { status: failed > 0 ? 'FAIL' : 'pass', failed, warnings: count('WARNING'), passed: count('SUCCESS'), checks });
    }
  }
  if (log && existsSync(log)) {
    for (const m of readFileSync(log, 'utf8').matchAll(/^=== Running scenario: (\S+) ===$/gm)) {
      if (!runs.has(m[1])) runs.set(m[1], { status: 'MISSING', failed: 0, warnings: 0, passed: 0, checks: [] });
    }
  }
  return runs;
}

const direct = readRun(directDir, directLog);
const gateway = readRun(gatewayDir, gatewayLog);
/** Scenario names in the order the suite ran them (from the logs), then any others. */
function runOrder(log) {
  if (!log || !existsSync(log)) return [];
  return [...readFileSync(log, 'utf8').matchAll(/^=== Running scenario: (\S+) ===$/gm)].map((m) => m[1]);
}
const names = [...new Set([...runOrder(directLog), ...runOrder(gatewayLog), ...direct.keys(), ...gateway.keys()])];

const cell = (r) => {
  if (!r) return 'not run';
  if (r.status === 'MISSING') return 'MISSING';
  const warn = r.warnings > 0 ? ` (${r.warnings} warn)` : '';
  return r.status === 'FAIL' ? `FAIL ${r.failed}/${r.failed + r.passed}${warn}` : `pass${warn}`;
};

// Gaps we know the gateway has, with the reason, per suite version: reported, not failed; a gap that starts to
// pass is reported too, so the list only ever shrinks.
const gapsFile = join(dirname(new URL(import.meta.url).pathname), 'known-gateway-gaps.json');
const knownGaps = existsSync(gapsFile)
  ? Object.entries(JSON.parse(readFileSync(gapsFile, 'utf8')))
      .filter(([version]) => title.includes(version))
      .reduce((all, [, gaps]) => ({ ...all, ...gaps }), {})
  : {};

const rows = names.map((name) => {
  const d = direct.get(name);
  const g = gateway.get(name);
  const dOk = d?.status === 'pass';
  const gOk = g?.status === 'pass';
  let note = '';
  if (!dOk) note = 'direct fails';
  else if (!gOk) note = knownGaps[name] ? 'known gap' : 'GATEWAY REGRESSION';
  else if (knownGaps[name]) note = 'known gap now passes: remove it from known-gateway-gaps.json';
  else if ((g?.warnings ?? 0) > (d?.warnings ?? 0)) note = 'more warnings via gateway';
  else if ((g?.warnings ?? 0) < (d?.warnings ?? 0)) note = 'fewer warnings via gateway';
  return { scenario: name, direct: cell(d), gateway: cell(g), note };
});

const widths = ['scenario', 'direct', 'gateway'].map((k) => Math.max(k.length, ...rows.map((r) => r[k].length)));
const line = (r) => `${r.scenario.padEnd(widths[0])}  ${r.direct.padEnd(widths[1])}  ${r.gateway.padEnd(widths[2])}  ${r.note}`.trimEnd();
const out = [];
out.push(`== ${title} ==`);
out.push(line({ scenario: 'scenario', direct: 'direct', gateway: 'gateway', note: '' }));
out.push(line({ scenario: '-'.repeat(widths[0]), direct: '-'.repeat(widths[1]), gateway: '-'.repeat(widths[2]), note: '' }));
for (const r of rows) out.push(line(r));

const directBad = rows.filter((r) => r.note === 'direct fails');
const regressions = rows.filter((r) => r.note === 'GATEWAY REGRESSION');
const total = (run, status) => [...run.values()].filter((r) => r.status === status).length;
out.push('');
out.push(
  `direct: ${total(direct, 'pass')}/${direct.size} pass; gateway: ${total(gateway, 'pass')}/${gateway.size} pass; ` +
    `gateway regressions: ${regressions.length}`,
);
if (names.length === 0) out.push('no scenario ran (see the logs)');
for (const r of rows.filter((row) => row.note === 'known gap')) out.push(`known gap: ${r.scenario}: ${knownGaps[r.scenario]}`);

const details = [];
for (const r of rows) {
  const g = gateway.get(r.scenario);
  if (!g || g.status === 'pass') continue;
  details.push(`-- ${r.scenario} (gateway${r.note === 'GATEWAY REGRESSION' ? ', passes directly' : ''})`);
  if (g.status === 'MISSING') details.push('   no checks.json: the scenario did not finish (see the gateway log)');
  for (const c of g.checks.filter((c) => c.status === 'FAILURE')) {
    details.push(`   FAILURE ${c.id}: ${c.errorMessage ?? c.description ?? ''}`);
  }
}
for (const r of directBad) {
  const d = direct.get(r.scenario);
  details.push(`-- ${r.scenario} (direct)`);
  if (!d || d.status === 'MISSING') details.push('   no checks.json: the scenario did not finish (see the direct log)');
  for (const c of d?.checks?.filter((c) => c.status === 'FAILURE') ?? []) {
    details.push(`   FAILURE ${c.id}: ${c.errorMessage ?? c.description ?? ''}`);
  }
}
if (details.length > 0) out.push('', 'failing checks:', ...details);

const text = `${out.join('\n')}\n`;
process.stdout.write(text);
const base = dirname(directDir);
writeFileSync(join(base, 'summary.md'), `\`\`\`\n${text}\`\`\`\n`);
writeFileSync(
  join(base, 'summary.json'),
  `${JSON.stringify({ title, rows, directFailures: directBad.map((r) => r.scenario), regressions: regressions.map((r) => r.scenario) }, null, 2)}\n`,
);

if (names.length === 0 || directBad.length > 0 || regressions.length > 0) {
  if (directBad.length > 0) process.stderr.write(`${title}: the direct run fails: ${directBad.map((r) => r.scenario).join(', ')}\n`);
  if (regressions.length > 0) {
    process.stderr.write(`${title}: fails through the gateway, passes directly: ${regressions.map((r) => r.scenario).join(', ')}\n`);
  }
  process.exit(1);
}
