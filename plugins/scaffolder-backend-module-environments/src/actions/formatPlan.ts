import type { PlanResult } from '@taskplatform/plugin-environments-common';

function usd(value: number): string {
  return `$${value.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;
}

/** A Markdown table whose columns are padded, so it also reads well as plain text. */
export function markdownTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map(row => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`,
    ...rows.map(line),
  ];
}

/**
 * The plan as readable Markdown lines: resources, node groups, database, cost, cdk-nag
 * findings, diff and bootstrap state. Written line by line to the task log and shown
 * as the template's output.
 */
export function formatPlan(name: string, plan: PlanResult): string[] {
  const { summary, cost, nag, diff, bootstrap } = plan;
  const lines: string[] = [
    `Plan of environment ${name}${
      plan.simulated ? ' (simulated deployer: nothing real is built)' : ''
    }`,
    '',
    `${summary.totalResources} resources in ${
      summary.stacks.length
    } stacks (${summary.stacks.join(', ')}), ${
      summary.natGateways
    } NAT gateway${summary.natGateways === 1 ? '' : 's'}`,
    '',
    ...markdownTable(
      ['node group', 'instance type', 'min', 'desired', 'max', 'capacity'],
      summary.nodeGroups.map(group => [
        group.name,
        group.instanceType,
        String(group.min),
        String(group.desired),
        String(group.max),
        group.capacityType,
      ]),
    ),
    '',
    ...markdownTable(
      ['database', 'engine', 'storage GiB', 'Multi-AZ'],
      [
        [
          summary.database.instanceClass,
          `PostgreSQL ${summary.database.engineVersion}`,
          `${summary.database.allocatedStorageGb} to ${summary.database.maxAllocatedStorageGb}`,
          summary.database.multiAz ? 'yes' : 'no',
        ],
      ],
    ),
    '',
    `Estimated cost: ${usd(cost.monthlyUsd)} per month in ${cost.region} (${
      cost.source
    }, prices of ${cost.priceDate})`,
    '',
    ...markdownTable(
      ['item', 'quantity', 'unit', 'unit USD', 'monthly USD'],
      cost.lines.map(item => [
        item.item,
        String(item.quantity),
        item.unit,
        usd(item.unitUsd),
        usd(item.monthlyUsd),
      ]),
    ),
    '',
    `cdk-nag: ${nag.errors.length} error${
      nag.errors.length === 1 ? '' : 's'
    }, ${nag.warningCount} warning${nag.warningCount === 1 ? '' : 's'}`,
    ...nag.errors.map(
      error =>
        `- ${error.ruleName}: ${error.description} (${error.constructPaths.join(
          ', ',
        )})`,
    ),
  ];
  if (diff) {
    lines.push(
      '',
      ...markdownTable(
        ['stack', 'added', 'removed', 'changed', 'replaced'],
        diff.stacks.map(stack => [
          stack.stack,
          String(stack.added.length),
          String(stack.removed.length),
          String(stack.changed.length),
          stack.changed
            .filter(change => change.replacement)
            .map(change => change.logicalId)
            .join(', ') || '-',
        ]),
      ),
    );
  }
  let bootstrapState = 'not bootstrapped';
  if (bootstrap.bootstrapped === null) {
    bootstrapState = 'unknown';
  } else if (bootstrap.bootstrapped) {
    bootstrapState = `bootstrapped${
      bootstrap.version === undefined ? '' : ` (version ${bootstrap.version})`
    }`;
  }
  lines.push(
    '',
    `Account and region: ${bootstrapState}${
      bootstrap.message ? ` (${bootstrap.message})` : ''
    }`,
  );
  return lines;
}
