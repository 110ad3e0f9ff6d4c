import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';

const ATTEMPTS = 30;
const RETRY_MS = 2000;

/**
 * Builds the docs of `techdocs.prebuild.entities` once at start-up, so that
 * the search collator finds them on its first run: TechDocs otherwise builds
 * docs on their first visit, and until then a search for docs answers 500.
 * It waits for the catalog to have each entity, and only logs on failure.
 */
export const techdocsPrebuildModule = createBackendModule({
  pluginId: 'techdocs',
  moduleId: 'prebuild',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async init({ config, discovery, auth, logger, lifecycle }) {
        const refs =
          config.getOptionalStringArray('techdocs.prebuild.entities') ?? [];
        if (refs.length === 0) return;
        const stopped = new AbortController();
        lifecycle.addShutdownHook(() => stopped.abort());

        const build = async (ref: string) => {
          const { kind, namespace, name } = parseEntityRef(ref);
          const baseUrl = await discovery.getBaseUrl('techdocs');
          for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (stopped.signal.aborted) return;
            const { token } = await auth.getPluginRequestToken({
              onBehalfOf: await auth.getOwnServiceCredentials(),
              targetPluginId: 'techdocs',
            });
            const res = await fetch(
              `${baseUrl}/sync/${namespace}/${kind}/${name}`,
              {
                headers: { Authorization: `Bearer ${token}` },
                signal: stopped.signal,
              },
            ).catch(() => undefined);
            const body = res ? await res.text().catch(() => '') : '';
            if (res?.ok && body.includes('event: finish')) {
              logger.info(`Built the docs of ${ref}`);
              return;
            }
            if (res?.ok && body.includes('event: error')) {
              logger.warn(`Could not build the docs of ${ref}: ${body}`);
              return;
            }
            // 404 until the catalog has processed the entity
            await new Promise(r => setTimeout(r, RETRY_MS));
          }
          logger.warn(`Gave up building the docs of ${ref}`);
        };

        lifecycle.addStartupHook(() => {
          void Promise.all(refs.map(build)).catch(error =>
            logger.warn(`Docs prebuild failed: ${error}`),
          );
        });
      },
    });
  },
});

export default techdocsPrebuildModule;
