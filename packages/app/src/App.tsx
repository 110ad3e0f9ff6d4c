import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { signInModule } from './modules/signIn';

/**
 * Plugins that packages/app depends on are discovered through
 * `app.packages: all`; only app-specific modules are listed here.
 */
export default createApp({
  features: [catalogPlugin, navModule, homeModule, signInModule],
});
