import type { ReadinessProblem, ReadinessWarning, ServerReadiness } from '../../shared/catalog-types.js';
import type { StartFailure } from '../../shared/domain.js';
import { describeContainerPermissions } from './container-permissions-text.js';

/** `server inspect`: everything about a server, for a terminal. */
export function describeReadiness(report: ServerReadiness): string {
  const lines = [
    `${report.name} (${report.enabled ? 'enabled' : 'disabled'})`,
    `  source:  ${sourceText(report.source)}`,
    /^https?:\/\//.test(report.image) ? `  url:     ${report.image}` : `  image:   ${report.image}`,
  ];
  if (report.tools.length > 0) lines.push(`  tools:   ${report.tools.join(', ')}`);
  if (Object.keys(report.config).length > 0) lines.push(`  config:  ${JSON.stringify(report.config)}`);
  for (const secret of report.secrets)
    lines.push(`  secret:  ${secret.key} -> ${secret.env}: ${secret.set ? 'set' : secret.required ? 'NOT SET' : 'not set (optional)'}`);
  if (report.signIn) lines.push(`  sign-in: ${signInText(report.name, report.signIn)}`);
  for (const warning of describeWarnings(report.name, report.warnings)) lines.push(`  WARNING: ${warning}`);
  if (report.container) lines.push(...describeContainerPermissions(report.container));
  if (report.lastFailure) lines.push(...describeLastFailure(report.name, report.lastFailure));
  else lines.push(report.ready ? '  ready to start' : `  ${describeProblems(report.name, report.problems) || 'not ready'}`);
  if (report.lastFailure && !report.ready) lines.push(`  ${describeProblems(report.name, report.problems) || 'not ready'}`);
  return lines.join('\n') + '\n';
}

/** The readiness warnings in words (see ReadinessWarningSchema). */
export function describeWarnings(server: string, warnings: ReadinessWarning[] | undefined): string[] {
  return (warnings ?? []).map(
    (warning) =>
      `"${server}" gets the secret ${warning.key} (as ${warning.env}), which is stored for the server "${warning.owner}": ${server} receives ${warning.owner}'s credential. If that is not intended, add it again with its own key: --secret ${server}.<name>:${warning.env}`,
  );
}

/** A failed start and its back-off, in the words of `server inspect`. */
export function describeLastFailure(server: string, failure: StartFailure, now: number = Date.now()): string[] {
  const times = failure.failures > 1 ? ` (${failure.failures} times in a row)` : '';
  const lines = [`  last start FAILED at ${clock(failure.at)}${times}: ${failure.message}`];
  for (const line of failure.stderrTail) lines.push(`    stderr: ${line}`);
  const wait = failure.retryAt - now;
  lines.push(
    wait > 0
      ? `  back-off: a call to it starts it again from ${clock(failure.retryAt)} (in ${Math.ceil(wait / 1000)} s); until then calls answer with this failure`
      : '  back-off: over; the next call to it starts it again',
  );
  lines.push(`  calls of other servers do not start it; after a fix: switchyard server start ${server}`);
  return lines;
}

function clock(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour12: false });
}

/** A remote server's OAuth state: signed in until when, with what, or the command that signs in. */
function signInText(server: string, signIn: NonNullable<ServerReadiness['signIn']>): string {
  if (signIn.state === 'signed-out') return `not signed in (OAuth, if the server asks for it) -> switchyard server auth ${server}`;
  const expiry = signIn.expiresAt
    ? `${signIn.state === 'expired' ? 'expired at' : 'access token expires'} ${signIn.expiresAt}${signIn.renewable ? ', renewed automatically' : ''}`
    : signIn.renewable
      ? 'renewed automatically'
      : 'no expiry given';
  const facts = [
    expiry,
    signIn.scope ? `scopes ${signIn.scope}` : undefined,
    signIn.authorizationServer ? `via ${signIn.authorizationServer}` : undefined,
  ].filter(Boolean);
  const again = signIn.state === 'expired' ? ` -> switchyard server auth ${server}` : '';
  return `${signIn.state === 'expired' ? 'EXPIRED' : 'signed in'} (${facts.join('; ')})${again}`;
}

function sourceText(source: ServerReadiness['source']): string {
  switch (source.kind) {
    case 'catalog':
      return `catalog entry ${source.entry}${source.title ? ` - ${source.title}` : ''}`;
    case 'npm':
      return `npm package ${source.package} (image built locally on first use)`;
    case 'remote':
      return `remote server (${source.transport}), no container`;
    case 'image':
      return 'custom image';
  }
}

/**
 * Why a server cannot start, with the command that fixes each missing piece: what is missing first, then the
 * values that are wrong. Empty when there is no problem.
 */
export function describeProblems(server: string, problems: ReadinessProblem[]): string {
  const reasons = problems.flatMap((problem) => {
    if (problem.kind === 'catalog-entry-missing') return [`Catalog entry "${problem.entry}" is not in any catalog.`];
    if (problem.kind === 'unsupported' || problem.kind === 'broken') return [problem.reason];
    return [];
  });
  if (reasons.length > 0) return reasons.join('\n');
  const missing = problems.flatMap((problem) => (problem.kind === 'secret' || problem.kind === 'config' ? [missingLine(server, problem)] : []));
  const invalid = problems.flatMap((problem) => (problem.kind === 'invalid' ? [`  ${problem.field ?? '(configuration)'}: ${problem.message}`] : []));
  if (missing.length > 0) {
    return [`"${server}" cannot start until these are set:`, ...missing, ...(invalid.length > 0 ? ['and these values are wrong:', ...invalid] : [])].join('\n');
  }
  return invalid.length > 0 ? [`"${server}" has configuration errors:`, ...invalid].join('\n') : '';
}

function missingLine(server: string, problem: Extract<ReadinessProblem, { kind: 'secret' | 'config' }>): string {
  if (problem.kind === 'secret') {
    return `  secret ${problem.key} (${problem.env})${problem.description ? `: ${problem.description}` : ''}\n    -> switchyard secret set ${problem.key}`;
  }
  const keys = problem.oneOf ?? [problem.key];
  const fix = `switchyard config set ${server} ${keys[0]} <value>${keys.length > 1 ? `   (or another of: ${keys.join(', ')})` : ''}`;
  return `  config ${keys.join(' | ')}${problem.description ? `: ${problem.description}` : ''}\n    -> ${fix}`;
}
