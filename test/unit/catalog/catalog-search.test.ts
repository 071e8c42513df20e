import { describe, expect, it } from 'vitest';
import { loadBundledCatalog, parseCatalogText } from '../../../electron/catalog/catalog-loader.js';
import { listCategories, searchCatalog } from '../../../electron/catalog/catalog-search.js';

const fixture = parseCatalogText(
  [
    'registry:',
    '  git:',
    '    image: mcp/git',
    '    title: Git',
    '    description: Read and search Git repositories.',
    '    metadata: {category: devops, tags: [vcs]}',
    '  github:',
    '    image: mcp/github',
    '    title: GitHub',
    '    description: Issues and pull requests.',
    '    metadata: {category: devops, tags: [github]}',
    '  gitlab:',
    '    image: mcp/gitlab',
    '    title: GitLab',
    '    metadata: {category: devops}',
    '  my-git-tools:',
    '    image: mcp/mgt',
    '    title: Repository helpers',
    '    metadata: {category: devops}',
    '  codeberg:',
    '    image: mcp/codeberg',
    '    title: Forgejo host with Git hosting',
    '    metadata: {category: devops}',
    '  tagged:',
    '    image: mcp/tagged',
    '    title: Version control',
    '    metadata: {category: productivity, tags: [git]}',
    '  tooly:',
    '    image: mcp/tooly',
    '    title: Tooly',
    '    tools: [{name: git_log, description: show history}]',
    '    metadata: {category: productivity}',
    '  docs:',
    '    image: mcp/docs',
    '    title: Docs',
    '    description: Works with git and more.',
    '    metadata: {category: documentation}',
    '  Zeta:',
    '    image: mcp/zeta',
    '    title: Zeta',
    '    description: nothing relevant',
    '    metadata: {category: Documentation}',
  ].join('\n'),
  'fixture',
).entries;

describe('catalog search', () => {
  it('ranks exact name > name prefix > title > tag > tool name > description, ties by name', () => {
    const hits = searchCatalog(fixture, 'git');
    expect(hits.map((hit) => [hit.name, hit.matched])).toEqual([
      ['git', 'name'],
      ['github', 'name-prefix'],
      ['gitlab', 'name-prefix'],
      ['codeberg', 'title'],
      ['my-git-tools', 'title'],
      ['tagged', 'tag'],
      ['tooly', 'tool'],
      ['docs', 'description'],
    ]);
    expect(hits.find((hit) => hit.name === 'tooly')?.matchedValue).toBe('git_log');
    expect(hits.find((hit) => hit.name === 'tagged')?.matchedValue).toBe('git');
  });

  it('is case-insensitive and treats -, _ and spaces alike', () => {
    expect(searchCatalog(fixture, 'GIT LOG').map((hit) => hit.name)).toEqual(['tooly']);
    expect(searchCatalog(fixture, 'my git tools')[0]).toMatchObject({ name: 'my-git-tools', matched: 'name' });
    expect(searchCatalog(fixture, 'zeta')[0]).toMatchObject({ name: 'Zeta', matched: 'name' });
  });

  it('needs every word of a multi-word query, ranking by the weakest word', () => {
    const hits = searchCatalog(fixture, 'git pull');
    expect(hits.map((hit) => hit.name)).toEqual(['github']);
    expect(hits[0]?.matched).toBe('description');
    expect(searchCatalog(fixture, 'git nonsense')).toEqual([]);
  });

  it('filters by category (case-insensitive), and lists everything for an empty query', () => {
    expect(searchCatalog(fixture, 'git', { category: 'productivity' }).map((hit) => hit.name)).toEqual(['tagged', 'tooly']);
    expect(searchCatalog(fixture, '', { category: 'documentation' }).map((hit) => hit.name)).toEqual(['docs', 'Zeta']);
    expect(searchCatalog(fixture, '  ').length).toBe(fixture.size);
    expect(searchCatalog(fixture, 'git', { limit: 2 }).map((hit) => hit.name)).toEqual(['git', 'github']);
  });

  it('counts categories, case variants as one', () => {
    expect(listCategories(fixture)).toEqual([
      { category: 'devops', count: 5 },
      { category: 'documentation', count: 2 },
      { category: 'productivity', count: 2 },
    ]);
  });

  it('finds real servers in the bundled catalog', () => {
    const { entries } = loadBundledCatalog();
    expect(searchCatalog(entries, 'github')[0]?.name).toBe('github');
    expect(searchCatalog(entries, 'github').slice(0, 3).map((hit) => hit.matched)).toEqual(['name', 'name-prefix', 'name-prefix']);
    expect(searchCatalog(entries, 'filesystem')[0]?.name).toBe('filesystem');
    expect(searchCatalog(entries, 'sqlite')[0]?.name).toBe('SQLite');
    const database = searchCatalog(entries, 'postgres', { category: 'database' });
    expect(database.length).toBeGreaterThan(0);
    expect(database.every((hit) => hit.entry.metadata?.category === 'database')).toBe(true);
  });
});
