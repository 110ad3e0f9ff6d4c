import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileTextPlaceholderResolver } from './catalogFileTextPlaceholder';

describe('fileTextPlaceholderResolver', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'placeholder-'));
  mkdirSync(path.join(root, 'spec'));
  writeFileSync(path.join(root, 'spec', 'api.yaml'), 'openapi: 3.1.0\n');
  writeFileSync(path.join(tmpdir(), 'outside.txt'), 'secret');
  const base = path.join(root, 'catalog-info.yaml');
  const params = {
    key: 'text',
    emit: jest.fn(),
    read: jest.fn(async (url: string) => Buffer.from(`read ${url}`)),
    resolveUrl: jest.fn((url: string, b: string) => new URL(url, b).toString()),
  };

  it('reads a path relative to a file location', async () => {
    await expect(
      fileTextPlaceholderResolver({
        ...params,
        value: './spec/api.yaml',
        baseUrl: base,
      }),
    ).resolves.toBe('openapi: 3.1.0\n');
  });

  it('refuses paths that leave the location directory', async () => {
    await expect(
      fileTextPlaceholderResolver({
        ...params,
        value: '../outside.txt',
        baseUrl: base,
      }),
    ).rejects.toThrow(/leaves the directory/);
  });

  it('keeps URL semantics for URL locations', async () => {
    await expect(
      fileTextPlaceholderResolver({
        ...params,
        value: './api.yaml',
        baseUrl: 'https://github.com/o/r/blob/main/catalog-info.yaml',
      }),
    ).resolves.toBe('read https://github.com/o/r/blob/main/api.yaml');
  });

  it('rejects non-string values', async () => {
    await expect(
      fileTextPlaceholderResolver({ ...params, value: 42, baseUrl: base }),
    ).rejects.toThrow(/expects a string/);
  });
});
