import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  PlaceholderResolver,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
import { InputError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * `$text` for entities read from `type: file` locations.
 *
 * The catalog resolves `$text: ./relative/path` against the location target
 * with URL semantics, which fails for plain file paths (`Invalid URL`), so an
 * API entity in a local catalog-info.yaml could not point at its OpenAPI file.
 * For file locations this resolves the path against the file's directory and
 * refuses to leave that directory tree; URL locations keep the default
 * behaviour (resolve, then read through the UrlReader).
 */
export const fileTextPlaceholderResolver: PlaceholderResolver = async ({
  key,
  value,
  baseUrl,
  read,
  resolveUrl,
}) => {
  if (typeof value !== 'string') {
    throw new InputError(`Placeholder $${key} expects a string path or URL`);
  }
  if (!path.isAbsolute(baseUrl)) {
    return (await read(resolveUrl(value, baseUrl))).toString('utf-8');
  }
  const root = path.dirname(baseUrl);
  const target = path.resolve(root, value);
  if (target !== root && !target.startsWith(root + path.sep)) {
    throw new InputError(
      `Placeholder $${key} path ${value} leaves the directory of ${baseUrl}`,
    );
  }
  return fs.readFile(target, 'utf-8');
};

export default createBackendModule({
  pluginId: 'catalog',
  moduleId: 'file-text-placeholder',
  register(reg) {
    reg.registerInit({
      deps: { processing: catalogProcessingExtensionPoint },
      async init({ processing }) {
        processing.addPlaceholderResolver('text', fileTextPlaceholderResolver);
      },
    });
  },
});
