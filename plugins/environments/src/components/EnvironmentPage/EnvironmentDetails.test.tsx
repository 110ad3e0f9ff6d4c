import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { ENVIRONMENTS_SIGNAL_CHANNEL } from '@taskplatform/plugin-environments-common';
import {
  fakeSignalApi,
  makeEnvironment,
  makeEvent,
  makeOperation,
  makePlan,
  mockEnvironmentsApi,
  renderWithEnvironmentsApi,
} from '../../__testUtils__';
import { EnvironmentDetails } from './EnvironmentDetails';

jest.setTimeout(30_000);

async function render(
  environmentsApi: ReturnType<typeof mockEnvironmentsApi>,
  signals = fakeSignalApi(),
) {
  await renderWithEnvironmentsApi(<EnvironmentDetails name="staging" />, {
    environmentsApi,
    apis: [[signalApiRef, signals]],
  });
  return signals;
}

describe('EnvironmentDetails', () => {
  it('follows the running operation: events arrive by signal and are read after the cursor', async () => {
    const operation = makeOperation({ resourcesPlanned: 4 });
    const first = [
      makeEvent({ id: 1, stack: 'staging-network', logicalId: 'Vpc' }),
      makeEvent({
        id: 2,
        stack: 'staging-network',
        logicalId: 'Vpc',
        status: 'CREATE_COMPLETE',
      }),
    ];
    const second = [
      makeEvent({
        id: 3,
        stack: 'staging-cluster',
        logicalId: 'Cluster',
        resourceType: 'AWS::EKS::Cluster',
      }),
      makeEvent({
        id: 4,
        stack: 'staging-network',
        logicalId: 'NatGateway',
        resourceType: 'AWS::EC2::NatGateway',
        status: 'CREATE_COMPLETE',
      }),
    ];
    const api = mockEnvironmentsApi({
      getEnvironment: jest.fn().mockResolvedValue(
        makeEnvironment({
          status: 'provisioning',
          currentOperationId: 'op-1',
        }),
      ),
      listOperations: jest.fn().mockResolvedValue([operation]),
      getOperationEvents: jest
        .fn()
        .mockResolvedValueOnce({ items: first, nextSince: 2, operation })
        .mockResolvedValueOnce({ items: second, nextSince: 4, operation }),
    });
    const signals = await render(api);

    // the bar renders with the operation (0 done), then the events arrive
    await waitFor(() =>
      expect(screen.getByTestId('operation-progress')).toHaveTextContent(
        '1 / 4 resources done',
      ),
    );
    expect(api.getOperationEvents).toHaveBeenLastCalledWith('op-1', {
      since: 0,
      limit: 500,
    });

    // A signal for another environment changes nothing.
    await signals.publish(ENVIRONMENTS_SIGNAL_CHANNEL, {
      environmentName: 'prod',
      status: 'provisioning',
      operationId: 'op-9',
      type: 'events',
    });
    expect(api.getOperationEvents).toHaveBeenCalledTimes(1);

    await signals.publish(ENVIRONMENTS_SIGNAL_CHANNEL, {
      environmentName: 'staging',
      status: 'provisioning',
      operationId: 'op-1',
      lastEventId: 4,
      type: 'events',
    });
    await waitFor(() =>
      expect(screen.getByTestId('operation-progress')).toHaveTextContent(
        '2 / 4 resources done',
      ),
    );
    expect(api.getOperationEvents).toHaveBeenLastCalledWith('op-1', {
      since: 2,
      limit: 500,
    });

    // Grouped by stack, then by resource with its latest status.
    const stacks = screen.getAllByTestId('timeline-stack');
    expect(stacks.map(s => within(s).getByRole('heading').textContent)).toEqual(
      ['staging-network', 'staging-cluster'],
    );
    const network = within(stacks[0]).getAllByTestId('timeline-resource');
    expect(network.map(r => r.textContent)).toEqual([
      expect.stringMatching(/^Vpc.*CREATE_COMPLETE/),
      expect.stringMatching(/^NatGateway.*CREATE_COMPLETE/),
    ]);
    expect(
      within(stacks[1]).getByTestId('timeline-resource'),
    ).toHaveTextContent(/Cluster.*AWS::EKS::Cluster.*CREATE_IN_PROGRESS/);
  });

  it('shows the CloudFormation reason of a failure and retries it', async () => {
    const failedOp = makeOperation({ status: 'failed', error: 'Stack failed' });
    const api = mockEnvironmentsApi({
      getEnvironment: jest.fn().mockResolvedValue(
        makeEnvironment({
          status: 'failed',
          currentOperationId: 'op-1',
          failureReason: 'staging-database: CREATE_FAILED',
        }),
      ),
      listOperations: jest.fn().mockResolvedValue([failedOp]),
      getOperationEvents: jest.fn().mockResolvedValue({
        items: [
          makeEvent({
            id: 1,
            stack: 'staging-database',
            logicalId: 'Database',
          }),
          makeEvent({
            id: 2,
            stack: 'staging-database',
            logicalId: 'Database',
            status: 'CREATE_FAILED',
            reason: 'DB instance quota exceeded',
          }),
        ],
        nextSince: 2,
        operation: failedOp,
      }),
      retry: jest.fn().mockResolvedValue({
        environment: makeEnvironment({ status: 'provisioning' }),
        operation: makeOperation({ id: 'op-2', status: 'queued' }),
      }),
    });
    await render(api);

    const panel = await screen.findByTestId('failure-panel');
    expect(panel).toHaveTextContent('The deploy failed');
    expect(panel).toHaveTextContent('staging-database: CREATE_FAILED');
    await waitFor(() =>
      expect(panel).toHaveTextContent(
        'staging-database / Database (CREATE_FAILED): DB instance quota exceeded',
      ),
    );
    expect(api.getEnvironment).toHaveBeenCalledTimes(1);

    await userEvent.click(within(panel).getByRole('button', { name: 'Retry' }));
    expect(api.retry).toHaveBeenCalledWith('staging');
    await waitFor(() => expect(api.getEnvironment).toHaveBeenCalledTimes(2));
  });

  it('says why a retry failed', async () => {
    const failedOp = makeOperation({ status: 'failed' });
    const api = mockEnvironmentsApi({
      getEnvironment: jest
        .fn()
        .mockResolvedValue(makeEnvironment({ status: 'failed' })),
      listOperations: jest.fn().mockResolvedValue([failedOp]),
      getOperationEvents: jest.fn().mockResolvedValue({
        items: [],
        nextSince: 0,
        operation: failedOp,
      }),
      retry: jest
        .fn()
        .mockRejectedValue(new Error('operation already running')),
    });
    await render(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText('Retry failed: operation already running'),
    ).toBeInTheDocument();
  });

  it('shows the outputs, the last plan with its cost and diff, and the history', async () => {
    const op = makeOperation({ status: 'succeeded', resourcesDone: 4 });
    const api = mockEnvironmentsApi({
      getEnvironment: jest.fn().mockResolvedValue(
        makeEnvironment({
          outputs: { ClusterEndpoint: 'https://eks.example.test' },
        }),
      ),
      listOperations: jest.fn().mockResolvedValue([op]),
      getOperationEvents: jest
        .fn()
        .mockResolvedValue({ items: [], nextSince: 0, operation: op }),
      getLastPlan: jest.fn().mockResolvedValue(makePlan()),
    });
    await render(api);

    expect(await screen.findByText('https://eks.example.test')).toBeVisible();
    expect(await screen.findByTestId('plan-cost')).toHaveTextContent('$412.50');
    expect(screen.getByText('EKS control plane')).toBeInTheDocument();
    expect(screen.getByTestId('plan-diff')).toHaveTextContent(
      'changed Database (AWS::RDS::DBInstance) — replaced',
    );
    const rows = screen.getAllByTestId('operation-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent(/deploy.*succeeded.*jane/);
    expect(
      screen.getByText('This operation recorded no events.'),
    ).toBeVisible();
  });

  it('has designed empty states: no operation, no plan, no outputs', async () => {
    const api = mockEnvironmentsApi({
      getEnvironment: jest
        .fn()
        .mockResolvedValue(makeEnvironment({ status: 'planned' })),
    });
    await render(api);
    expect(await screen.findByText('No operation yet')).toBeVisible();
    expect(
      await screen.findByText('No plan recorded for this environment yet.'),
    ).toBeVisible();
    expect(
      screen.getByText('Outputs appear once the stacks are deployed.'),
    ).toBeVisible();
    expect(screen.getByText('No operations yet.')).toBeVisible();
    expect(api.getOperationEvents).not.toHaveBeenCalled();
  });

  it('shows an error when the environment cannot be loaded', async () => {
    const api = mockEnvironmentsApi({
      getEnvironment: jest
        .fn()
        .mockRejectedValue(new Error('environment staging not found')),
    });
    await render(api);
    expect(
      await screen.findByText(
        /Could not load environment staging: environment staging not found/,
      ),
    ).toBeInTheDocument();
  });

  it('shows an environment that did not exist yet as soon as a signal names it', async () => {
    const api = mockEnvironmentsApi({
      getEnvironment: jest
        .fn()
        .mockRejectedValueOnce(new Error('environment staging not found'))
        .mockResolvedValue(makeEnvironment({ status: 'planned' })),
    });
    const signals = await render(api);
    await screen.findByText(/Could not load environment staging/);
    await signals.publish(ENVIRONMENTS_SIGNAL_CHANNEL, {
      environmentName: 'staging',
      status: 'planned',
      operationId: 'op-1',
      type: 'status',
    });
    expect(await screen.findByText('No operation yet')).toBeVisible();
    expect(
      screen.queryByText(/Could not load environment staging/),
    ).not.toBeInTheDocument();
  });

  it('shows an error in the timeline when the events cannot be loaded', async () => {
    const api = mockEnvironmentsApi({
      getEnvironment: jest.fn().mockResolvedValue(
        makeEnvironment({
          status: 'provisioning',
          currentOperationId: 'op-1',
        }),
      ),
      getOperationEvents: jest
        .fn()
        .mockRejectedValue(new Error('events store unavailable')),
    });
    await render(api);
    expect(
      await screen.findByText(
        /Could not load the events: events store unavailable/,
      ),
    ).toBeInTheDocument();
  });
});
