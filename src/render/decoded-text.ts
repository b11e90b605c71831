// Text rendering of `stsctl decode`: the verdict first, then who asked for what on which resource under which
// conditions, the statements and failures the message names, and what to do about it.
import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { DecodeResult } from '../commands/decode.js';
import type { ConditionEntry, MatchedStatement, Verdict } from '../decode/parse-decoded.js';
import { describePrincipal } from '../sts/principal.js';

export interface DecodedRenderOptions {
  readonly style: ChalkInstance;
}

export function describeVerdict(verdict: Verdict): string {
  switch (verdict) {
    case 'allowed':
      return 'ALLOWED';
    case 'explicit-deny':
      return 'DENIED by an explicit deny';
    case 'implicit-deny':
      return 'DENIED because no statement allowed it (implicit deny)';
  }
}

function verdictLine(verdict: Verdict, style: ChalkInstance): string {
  const text = describeVerdict(verdict);
  return verdict === 'allowed' ? style.bold.green(text) : style.bold.red(text);
}

function table(head: readonly string[], rows: readonly (readonly string[])[], style: ChalkInstance): string {
  // cli-table3 colours headings and borders by itself; turn that off and let chalk decide (NO_COLOR, TTY).
  const t = new Table({ head: head.map((h) => style.bold(h)), style: { head: [], border: [] } });
  for (const row of rows) t.push([...row]);
  return t.toString();
}

function conditionsTable(conditions: readonly ConditionEntry[], style: ChalkInstance): string {
  return table(
    ['Condition key', 'Value'],
    conditions.map((entry) => [entry.key, entry.values.length === 0 ? style.dim('(empty)') : entry.values.join('\n')]),
    style,
  );
}

function statementLines(statement: MatchedStatement, index: number, style: ChalkInstance): string[] {
  const effect = statement.effect ?? '?';
  const head = `${String(index + 1)}. ${effect === 'Deny' ? style.red(effect) : style.green(effect)} ${statement.statementId ? `"${statement.statementId}"` : style.dim('(no Sid)')}`;
  const lines = [head];
  const policy = statement.policy;
  if (policy) {
    const label = [policy.arn ?? policy.name ?? policy.id, policy.type ? `(${policy.type})` : undefined].filter(Boolean).join(' ');
    lines.push(`   ${style.dim('policy')}      ${label}`);
  }
  const field = (label: string, values: readonly string[]): void => {
    if (values.length > 0) lines.push(`   ${style.dim(label.padEnd(11))} ${values.join(', ')}`);
  };
  field('principals', statement.principals);
  field('groups', statement.principalGroups);
  field('actions', statement.actions);
  field('notActions', statement.notActions);
  field('resources', statement.resources);
  field('notResources', statement.notResources);
  field('conditions', statement.conditions.map((c) => `${c.key} = ${c.values.join(' | ')}`));
  return lines;
}

function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `${by}${line}`))
    .join('\n');
}

export function renderDecodedText(result: DecodeResult, options: DecodedRenderOptions): string {
  const { style } = options;
  const { context } = result;
  const principal = context.principal;
  const kind = principal.arn ? describePrincipal(principal.arn) : undefined;
  const lines: string[] = [verdictLine(result.verdict, style), ''];

  const rows: [string, string][] = [
    ['Principal', kind && kind.type !== 'unknown' ? kind.description : principal.arn ?? style.dim('not given')],
    ['  ID', principal.id ?? style.dim('not given')],
  ];
  if (principal.name) rows.push(['  Name', principal.name]);
  rows.push(['  ARN', principal.arn ?? style.dim('not given')]);
  rows.push(['Action', context.action ? style.bold(context.action) : style.dim('not given')]);
  rows.push(['Resource', context.resource ?? style.dim('not given')]);
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) lines.push(`${style.dim(label.padEnd(width))}  ${value}`);

  lines.push('');
  if (context.conditions.length === 0) lines.push(`${style.bold('Conditions')}  ${style.dim('none in the request context')}`);
  else lines.push(style.bold('Conditions'), conditionsTable(context.conditions, style));

  lines.push('');
  if (result.matchedStatements.length === 0) lines.push(`${style.bold('Matched statements')}  ${style.dim('none')}`);
  else {
    lines.push(style.bold('Matched statements'));
    result.matchedStatements.forEach((statement, index) => lines.push(...statementLines(statement, index, style)));
  }
  lines.push(result.failures.length === 0 ? `${style.bold('Failures')}  ${style.dim('none')}` : style.bold('Failures'));
  for (const failure of result.failures) lines.push(`  - ${failure}`);

  const { advice } = result;
  lines.push('', style.bold('What to do'), indent(advice.summary));
  if (advice.allowStatement) {
    lines.push('', indent('The statement that would allow it:'), indent(JSON.stringify(advice.allowStatement, null, 2), '    '));
  }
  if (advice.whereToAllow && advice.whereToAllow.length > 0) {
    lines.push('', ...advice.whereToAllow.map((line) => indent(line)));
  }
  if (advice.denyLocations) {
    lines.push('', indent('Where such a deny can live, and how to look there:'));
    advice.denyLocations.forEach((location, index) => {
      lines.push(indent(`${String(index + 1)}. ${location.where}`));
      for (const step of location.howToFind) lines.push(indent(step, '       '));
    });
  }
  if (advice.nextSteps.length > 0) {
    lines.push('', ...advice.nextSteps.map((step) => indent(`- ${step}`)));
  }
  return lines.join('\n');
}
