// `npm run security:electron`: Electronegativity (Doyensec's Electron security scanner) over what the desktop app
// runs: the bundled main process, preload and workers (dist/electron) and the built renderer (dist/renderer).
// Fails on any HIGH or MEDIUM finding not accepted, with its reason, in build/electronegativity-accepted.json,
// and on any file the scanner could not parse (a file it skipped would hide findings). LOW findings are printed.
// The scanner's JavaScript parser predates class private fields, so the renderer's bundle is scanned after
// lowering its syntax to ES2019 with esbuild (same code, older syntax); main and preload are scanned as built.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import run from '@doyensec/electronegativity';
import { transformSync } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const accepted = JSON.parse(readFileSync(path.join(root, 'build/electronegativity-accepted.json'), 'utf8')).accepted;
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;

const stage = mkdtempSync(path.join(tmpdir(), 'switchyard-electronegativity-'));
try {
  cpSync(path.join(root, 'package.json'), path.join(stage, 'package.json'));
  mkdirSync(path.join(stage, 'dist/electron'), { recursive: true });
  for (const file of readdirSync(path.join(root, 'dist/electron')).filter((name) => /\.(c|m)?js$/.test(name))) {
    cpSync(path.join(root, 'dist/electron', file), path.join(stage, 'dist/electron', file));
  }
  cpSync(path.join(root, 'dist/renderer'), path.join(stage, 'dist/renderer'), { recursive: true, filter: (source) => !source.endsWith('.map') });
  const assets = path.join(stage, 'dist/renderer/assets');
  for (const file of readdirSync(assets).filter((name) => name.endsWith('.js'))) {
    const code = readFileSync(path.join(assets, file), 'utf8');
    writeFileSync(path.join(assets, file), transformSync(code, { target: 'es2019', format: 'esm', loader: 'js' }).code);
  }

  const result = await run({ input: stage, isRelative: true, electronVersionOverride: electronVersion, electronVersion });
  const problems = [];
  for (const error of result.errors ?? []) {
    if (!error.tolerable) problems.push(`could not scan ${path.relative(stage, error.file)}: ${error.message}`);
  }
  for (const issue of result.issues) {
    const severity = issue.severity?.name ?? String(issue.severity);
    const where = `${issue.file}:${issue.location?.line ?? '?'}`;
    const line = `${severity} ${issue.id} at ${where}: ${issue.description ?? ''} ${issue.sample ? `(${String(issue.sample).slice(0, 120)})` : ''}`.trim();
    const acceptance = accepted.find((entry) => entry.id === issue.id && issue.file.startsWith(entry.file));
    if (severity === 'HIGH' || severity === 'MEDIUM') {
      if (acceptance) console.log(`accepted: ${line}\n  because: ${acceptance.reason}`);
      else problems.push(line);
    } else {
      console.log(`${acceptance ? 'accepted' : 'note'}: ${line}${acceptance ? `\n  because: ${acceptance.reason}` : ''}`);
    }
  }
  console.log(`electronegativity: ${result.globalChecks} global and ${result.atomicChecks} atomic checks, ${result.issues.length} findings`);
  if (problems.length > 0) {
    console.error(
      `electronegativity found what needs fixing (or accepting with a reason in build/electronegativity-accepted.json):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log('electronegativity: 0 high, 0 medium');
} finally {
  rmSync(stage, { recursive: true, force: true });
}
