import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Task Platform Portal

One place to plan work, create AWS environments and watch them run.

- **Tasks** — plan and track work for any component, system or resource
  on the [Tasks page](/tasks) or on an entity's Tasks tab.
- **Catalog** — the [Task Platform system](/catalog/default/system/task-platform),
  its components, the tasks API and the AWS resources behind it.
- **Create** — [software templates](/create), including new environments
  (VPC, EKS, RDS) built by the CDK app in \`infra/\`.
- **Docs** — [TechDocs](/docs) for everything in the catalog.
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Getting Started',
    description: 'Where to find tasks, the catalog, templates and docs',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
