// The same queries as Fleet YAML (fleetctl apply -f): `kind: query` to collect, `kind: policy` to flag hosts.
// Keys as Fleet documents them: docs/Configuration/configuration-files/README.md (queries) and the standard query
// library's policies (docs/01-Using-Fleet/standard-query-library/standard-query-library.yml), fleetdm/fleet.
import { stringify } from 'yaml';
import { DEFAULT_INTERVAL, describeQuery, type ExportResult } from './osquery.js';

const PLATFORM_WORD = { windows: 'Windows', macos: 'macOS', linux: 'Linux' } as const;

export function fleetDocuments(result: ExportResult, interval = DEFAULT_INTERVAL): object[] {
  const docs: object[] = [];
  for (const q of result.queries) {
    docs.push({
      apiVersion: 'v1',
      kind: 'query',
      spec: {
        name: q.name,
        description: describeQuery(q),
        query: `${q.sql};`,
        interval,
        platform: q.osqueryPlatform,
        logging: 'differential',
        observer_can_run: false,
        automations_enabled: false,
        discard_data: false,
      },
    });
  }
  for (const q of result.queries) {
    // a Fleet policy passes on hosts where its query returns a row: here, where no indicator of the product matches
    docs.push({
      apiVersion: 'v1',
      kind: 'policy',
      spec: {
        name: `No ${q.productName} (bosswatch ${q.rule}) on ${PLATFORM_WORD[q.platform]}`,
        description: `Fails on hosts where an indicator of bosswatch rule ${q.rule} (${q.productName}) is present; the query ${q.name} shows which one.`,
        resolution: `Run \`bosswatch explain ${q.rule}\` for what ${q.productName} can collect and the sources; ask who installed it and why.`,
        query: `SELECT 1 WHERE NOT EXISTS (\n${q.sql}\n);`,
        platform: q.osqueryPlatform,
      },
    });
  }
  return docs;
}

/** Multi-document YAML, one `---` per document, strings quoted as YAML needs (never a raw rule string as a key). */
export function fleetYaml(result: ExportResult, interval = DEFAULT_INTERVAL): string {
  return fleetDocuments(result, interval)
    .map((d) => `---\n${stringify(d, { lineWidth: 0 })}`)
    .join('');
}
