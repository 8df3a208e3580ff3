import * as fs from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { JsonFileSettingsStore } from '../../src/main/core/settings/settingsStore';

// Every read of a file goes through this spy, so the test sees how often the settings file itself is read.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return { ...actual, readFileSync: vi.fn(actual.readFileSync) };
});

let file: string;
const readsOfSettings = () => vi.mocked(fs.readFileSync).mock.calls.filter(([path]) => path === file).length;
const recent = (name: string) => ({ file: `/p/${name}.hds`, name, openedAt: 1 });

beforeEach(() => {
  file = join(mkdtempSync(join(tmpdir(), 'hds-settings-')), 'settings.json');
  vi.mocked(fs.readFileSync).mockClear();
});

describe('the settings file', () => {
  it('is read once however many lookups follow, and again only after a write', () => {
    const store = new JsonFileSettingsStore(file);
    store.write({ ...store.read(), keyBaseUrls: { 'provider.a': 'http://127.0.0.1:1/v1' } });
    for (let i = 0; i < 50; i++) expect(store.read().keyBaseUrls['provider.a']).toBe('http://127.0.0.1:1/v1');
    expect(readsOfSettings()).toBe(1);

    store.write({ ...store.read(), lastProject: '/p/a.hds' });
    expect(store.read().lastProject).toBe('/p/a.hds');
    expect(store.read().keyBaseUrls).toEqual({ 'provider.a': 'http://127.0.0.1:1/v1' });
    expect(readsOfSettings()).toBe(2);
  });

  it('is read again when another process wrote it (the CLI and the app share it)', () => {
    const app = new JsonFileSettingsStore(file);
    const cli = new JsonFileSettingsStore(file);
    expect(app.read().recentProjects).toEqual([]);
    cli.write({ ...cli.read(), recentProjects: [recent('from-cli')] });
    expect(app.read().recentProjects).toEqual([recent('from-cli')]);
    cli.write({ ...cli.read(), recentProjects: [recent('later')] });
    expect(app.read().recentProjects).toEqual([recent('later')]);
    fs.rmSync(file);
    expect(app.read().recentProjects).toEqual([]);
  });

  it('is left as it is when the settings written are those it holds, and replaced when they differ', () => {
    const store = new JsonFileSettingsStore(file);
    store.write({ ...store.read(), recentProjects: [recent('a')], lastProject: '/p/a.hds' });
    // The same settings in another layout: a write would lay the file out as the store does.
    const compact = JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')));
    fs.writeFileSync(file, compact);
    store.write(store.read());
    store.write({ ...store.read(), recentProjects: [recent('a')], lastProject: '/p/a.hds' });
    expect(fs.readFileSync(file, 'utf8')).toBe(compact);
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);

    store.write({ ...store.read(), lastProject: '/p/b.hds' });
    expect(fs.readFileSync(file, 'utf8')).not.toBe(compact);
    expect(new JsonFileSettingsStore(file).read().lastProject).toBe('/p/b.hds');
  });

  it('compares against what the file says now, not what this process wrote last', () => {
    const store = new JsonFileSettingsStore(file);
    const other = new JsonFileSettingsStore(file);
    store.write({ ...store.read(), lastProject: '/p/a.hds' });
    other.write({ ...other.read(), lastProject: '/p/b.hds' });
    // The same settings this store wrote before: the file says otherwise now, so they are written again.
    store.write({ ...store.read(), lastProject: '/p/a.hds' });
    expect(other.read().lastProject).toBe('/p/a.hds');
  });

  it('gives each reader its own copy, so changing one never changes the next read', () => {
    const store = new JsonFileSettingsStore(file);
    store.write({ ...store.read(), recentProjects: [recent('a')] });
    store.read().recentProjects.push(recent('b'));
    expect(store.read().recentProjects).toEqual([recent('a')]);
  });
});
