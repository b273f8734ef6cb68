// Messages of `bosswatch rules export` (osquery pack, Fleet YAML); Spanish in export.es.ts.
export const exportEn = {
  'export.summary': '{queries} queries for {rules} rules (Windows {windows}, macOS {macos}, Linux {linux}) over the osquery tables {tables}',
  'export.wrote': 'wrote {file}',
  'export.not-exported': 'indicators the queries do not check (osquery has no table for them here, see docs/export.md): {list}',
  'export.file-glob': 'path globs osquery\'s file table cannot expand (a ** inside a path, ?, or %), checked only in the process, service and package tables: {list}',
  'export.empty': 'rules with no indicator osquery can check on a platform, left out: {list}',
  'help.rules.export': 'write the rules as an osquery query pack (JSON) or as Fleet queries and policies (YAML)',
  'help.rules.export.format': 'osquery (a query pack, JSON) or fleet (queries and policies for fleetctl apply, YAML)',
  'help.rules.export.output': 'write to this file instead of standard output',
  'export.network-only': '{n} rules name only agent or website domains (network observations osquery does not keep here): no query for them',
  'export.none': 'no rule has an indicator osquery can check: nothing to export',
} as const;
