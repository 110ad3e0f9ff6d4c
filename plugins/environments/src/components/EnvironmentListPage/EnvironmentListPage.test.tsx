import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { ENVIRONMENTS_SIGNAL_CHANNEL } from '@taskplatform/plugin-environments-common';
import {
  fakeSignalApi,
  makeEnvironment,
  mockEnvironmentsApi,
  renderWithEnvironmentsApi,
} from '../../__testUtils__';
import { EnvironmentListPage } from './EnvironmentListPage';

jest.setTimeout(30_000);

async function render(environmentsApi: ReturnType<typeof mockEnvironmentsApi>) {
  const signals = fakeSignalApi();
  await renderWithEnvironmentsApi(<EnvironmentListPage />, {
    environmentsApi,
    apis: [[signalApiRef, signals]],
  });
  return signals;
}

describe('EnvironmentListPage', () => {
  it('lists environments with status, owner, region, preset, cost and the simulated mark', async () => {
    const api = mockEnvironmentsApi({
      listEnvironments: jest.fn().mockResolvedValue({
        items: [
          makeEnvironment(),
          makeEnvironment({
            id: 'e2',
            name: 'prod-eu',
            status: 'provisioning',
            preset: 'prod',
            region: 'us-east-1',
            simulated: false,
            owner: 'group:default/payments',
            estimatedMonthlyCostUsd: 2480,
          }),
        ],
      }),
    });
    await render(api);
    const rows = await screen.findAllByTestId('environment-row');
    expect(rows).toHaveLength(2);
    const staging = within(rows[0]);
    expect(staging.getByRole('link', { name: 'staging' })).toHaveAttribute(
      'href',
      '/environments/staging',
    );
    expect(rows[0]).toHaveTextContent('ready');
    expect(rows[0]).toHaveTextContent('platform');
    expect(rows[0]).toHaveTextContent('123456789012 / eu-west-1');
    expect(rows[0]).toHaveTextContent('dev');
    expect(rows[0]).toHaveTextContent('$412.50');
    expect(staging.getByText('simulated')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent(
      /prod-eu.*provisioning.*payments.*us-east-1.*prod.*\$2,480\.00.*AWS/,
    );
    expect(within(rows[1]).queryByText('simulated')).not.toBeInTheDocument();
  });

  it('leads Create to the create-environment template', async () => {
    await render(mockEnvironmentsApi());
    const links = await screen.findAllByRole('button', {
      name: /Create environment/,
    });
    expect(links[0]).toHaveAttribute(
      'href',
      '/create/templates/default/create-environment',
    );
  });

  it('has an empty state that offers to create one', async () => {
    await render(mockEnvironmentsApi());
    expect(await screen.findByText('No environments yet')).toBeVisible();
    expect(
      screen.getAllByRole('button', { name: /Create environment/ }),
    ).toHaveLength(2);
  });

  it('shows an error and loads again on request', async () => {
    const api = mockEnvironmentsApi({
      listEnvironments: jest
        .fn()
        .mockRejectedValueOnce(new Error('backend unavailable'))
        .mockResolvedValueOnce({ items: [makeEnvironment()] }),
    });
    await render(api);
    expect(
      await screen.findByText(
        /Could not load environments: backend unavailable/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('environment-row')).toBeInTheDocument();
  });

  it('reloads on a status signal, not on event signals', async () => {
    const api = mockEnvironmentsApi({
      listEnvironments: jest
        .fn()
        .mockResolvedValueOnce({
          items: [makeEnvironment({ status: 'provisioning' })],
        })
        .mockResolvedValueOnce({
          items: [makeEnvironment({ status: 'ready' })],
        }),
    });
    const signals = await render(api);
    const row = await screen.findByTestId('environment-row');
    expect(row).toHaveTextContent('provisioning');

    await signals.publish(ENVIRONMENTS_SIGNAL_CHANNEL, {
      environmentName: 'staging',
      status: 'provisioning',
      type: 'events',
    });
    expect(api.listEnvironments).toHaveBeenCalledTimes(1);

    await signals.publish(ENVIRONMENTS_SIGNAL_CHANNEL, {
      environmentName: 'staging',
      status: 'ready',
      type: 'status',
    });
    await waitFor(
      () =>
        expect(screen.getByTestId('environment-row')).toHaveTextContent(
          'ready',
        ),
      { timeout: 3000 },
    );
    expect(api.listEnvironments).toHaveBeenCalledTimes(2);
  });
});
