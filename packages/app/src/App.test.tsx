import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import App from './App';

jest.setTimeout(60_000);

/**
 * The app as the production build assembles it: the CLI's feature discovery
 * (`app.packages: all`) installs every frontend plugin and module that
 * packages/app depends on, through this global. Jest has no such build step,
 * so the test fills it the same way from package.json.
 */
function discoverFeatures() {
  const { dependencies } = require('../package.json');
  const modules = Object.keys(dependencies).flatMap(name => {
    const pkg = require(`${name}/package.json`);
    const role = pkg.backstage?.role;
    if (role !== 'frontend-plugin' && role !== 'frontend-plugin-module') {
      return [];
    }
    const entry = pkg.exports?.['./alpha'] ? `${name}/alpha` : name;
    return [{ name, default: require(entry).default }];
  });
  (window as any)['__@backstage/discovered__'] = { modules };
}

const guestIdentity = () => {
  const payload = { sub: 'user:default/guest', exp: 4102444800 };
  const token = ['e30', btoa(JSON.stringify(payload)), 'sig'].join('.');
  return {
    profile: { displayName: 'Guest User' },
    backstageIdentity: {
      token,
      identity: {
        type: 'user',
        userEntityRef: 'user:default/guest',
        ownershipEntityRefs: ['user:default/guest'],
      },
    },
  };
};

/** The backend, as far as the first page needs it. */
async function backend(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String(input instanceof Request ? input.url : input));
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  if (url.pathname === '/api/auth/guest/refresh') return json(guestIdentity());
  if (url.pathname === '/api/tasks/stats') {
    return json({ byStatus: {}, perWeek: [], total: 0 });
  }
  if (url.pathname.startsWith('/api/catalog/entities')) {
    return json({ items: [], totalItems: 0, pageInfo: {} });
  }
  return json({ error: { name: 'NotFoundError', message: 'not here' } }, 404);
}

describe('App', () => {
  beforeAll(() => {
    discoverFeatures();
    process.env = {
      ...process.env,
      APP_CONFIG: [
        {
          data: {
            app: {
              title: 'Task Platform Portal',
              baseUrl: 'http://localhost:3000',
              packages: 'all',
              signIn: { providers: ['guest'] },
              // the home page's layout of app-config.yaml (widgets by name)
              extensions: [
                {
                  'page:home': {
                    config: {
                      path: '/',
                      defaultConfig: [
                        ['HomePageSearchBar', 0, 0, 12, 2],
                        ['GettingStarted', 0, 2, 4, 10],
                        ['HomePageStarredEntities', 4, 2, 4, 5],
                        ['HomePageToolkit', 8, 2, 4, 5],
                        ['TasksOpenByStatus', 4, 7, 4, 5],
                      ].map(([component, column, row, width, height]) => ({
                        component,
                        column,
                        row,
                        width,
                        height,
                      })),
                    },
                  },
                },
              ],
            },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };
    jest.spyOn(global, 'fetch').mockImplementation(backend);
    // jsdom lays nothing out; the home page's grid draws its widgets only
    // once it has measured a width.
    jest
      .spyOn(HTMLElement.prototype, 'offsetWidth', 'get')
      .mockReturnValue(1200);
  });

  it('signs the guest in, then shows the home page and the sidebar', async () => {
    render(App.createRoot());

    // the sign-in page offers the guest provider of app.signIn.providers
    const enter = await screen.findByRole(
      'button',
      { name: 'Enter' },
      { timeout: 20_000 },
    );
    expect(screen.getByText('Guest')).toBeInTheDocument();
    await userEvent.click(enter);

    // the home page with its widgets
    expect(
      await screen.findByText('Getting Started', {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('Toolkit')).toBeInTheDocument();
    expect(screen.getByText('Your Starred Entities')).toBeInTheDocument();
    expect(screen.getByText('Open tasks')).toBeInTheDocument();

    // the sidebar's entries
    const nav = screen.getByRole('navigation', { name: 'sidebar nav' });
    for (const entry of [
      'Home',
      'Catalog',
      'Create',
      'APIs',
      'Docs',
      'Environments',
      'Tasks',
      'Notifications',
      'Settings',
    ]) {
      expect(
        within(nav).getByRole('link', { name: entry }),
      ).toBeInTheDocument();
    }
  });
});
