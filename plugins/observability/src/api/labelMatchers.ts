import { parsePrometheusSelector } from './goldenSignalQueries';

/** One Prometheus label matcher, e.g. `job="portal"`. */
export interface LabelMatcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

const MATCHER =
  /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*,?/g;

/** Parses a Prometheus selector (`job="a",namespace=~"b.*"`) into matchers. */
export function parseLabelMatchers(selector: string): LabelMatcher[] {
  const inner = parsePrometheusSelector(selector);
  const matchers: LabelMatcher[] = [];
  for (const m of inner.matchAll(MATCHER)) {
    matchers.push({
      label: m[1],
      op: m[2] as LabelMatcher['op'],
      value: m[3].replace(/\\(.)/g, '$1'),
    });
  }
  return matchers;
}

function matches(matcher: LabelMatcher, actual: string): boolean {
  switch (matcher.op) {
    case '=':
      return actual === matcher.value;
    case '!=':
      return actual !== matcher.value;
    case '=~':
      return new RegExp(`^(?:${matcher.value})$`).test(actual);
    default:
      return !new RegExp(`^(?:${matcher.value})$`).test(actual);
  }
}

/**
 * Whether an alert's labels belong to the selector. Alert rules aggregate
 * labels away, so a selector label the alert does not carry is not checked;
 * but at least one of the selector's labels must be present and match.
 */
export function alertMatchesSelector(
  labels: Record<string, string>,
  matchers: LabelMatcher[],
): boolean {
  const present = matchers.filter(m => m.label in labels);
  return present.length > 0 && present.every(m => matches(m, labels[m.label]));
}

/**
 * Whether an alerting rule's PromQL selects the selector's series: every
 * matcher of the selector appears in the expression (spacing aside). This
 * attributes rules that aggregate the selector's labels away, e.g.
 * `sum(rate(x{job="a"}[5m])) > 1`, to the entity.
 */
export function ruleSelectsMatchers(
  expr: string,
  matchers: LabelMatcher[],
): boolean {
  const compact = expr.replace(/\s+/g, '');
  return (
    matchers.length > 0 &&
    matchers.every(m =>
      compact.includes(`${m.label}${m.op}${JSON.stringify(m.value)}`),
    )
  );
}

/**
 * Parses a `grafana/alert-label-selector` into label pairs. As in the
 * community Grafana plugin, `service=a,team=b` means rules with either label.
 */
export function parseGrafanaLabelSelector(
  selector: string,
): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of selector.split(',')) {
    if (!part.trim()) continue;
    const index = part.indexOf('=');
    if (index <= 0) {
      throw new Error(
        `Invalid grafana/alert-label-selector '${selector}': expected key=value pairs such as service=task-platform-portal`,
      );
    }
    pairs.push([
      part.slice(0, index).trim(),
      part
        .slice(index + 1)
        .trim()
        .replace(/^["']|["']$/g, ''),
    ]);
  }
  return pairs;
}

/**
 * Turns a `grafana/dashboard-selector` into the tag sets to search for: a
 * plain tag (`portal`), or the community plugin's expressions built from
 * `tags @> 'x'` joined by `&&` (all tags) and `||` (any of the sets).
 */
export function parseDashboardSelector(selector: string): string[][] {
  const alternatives = selector
    .split('||')
    .map(alternative => {
      const tags = [
        ...alternative.matchAll(/tags\s*@>\s*['"]([^'"]+)['"]/g),
      ].map(m => m[1]);
      if (tags.length) return tags;
      const plain = alternative.replace(/[()]/g, '').trim();
      return plain ? [plain] : [];
    })
    .filter(tags => tags.length > 0);
  if (!alternatives.length) {
    throw new Error(
      `Invalid grafana/dashboard-selector '${selector}': expected a tag or tags @> 'tag'`,
    );
  }
  return alternatives;
}
