/** The server page's tabs, in order; the `section` search parameter names one. */
export const serverSections = ['overview', 'config', 'secrets', 'tools', 'log'] as const;
export type ServerSection = (typeof serverSections)[number];

export const serverSectionLabels: Record<ServerSection, string> = {
  overview: 'Overview',
  config: 'Configuration',
  secrets: 'Secrets',
  tools: 'Tools',
  log: 'Log',
};

export function asServerSection(value: unknown): ServerSection {
  return serverSections.find((section) => section === value) ?? 'overview';
}
