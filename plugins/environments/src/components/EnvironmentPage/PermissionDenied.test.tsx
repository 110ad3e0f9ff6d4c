import { screen } from '@testing-library/react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  makeEnvironment,
  makeOperation,
  mockEnvironmentsApi,
  renderWithEnvironmentsApi,
} from '../../__testUtils__';
import { EnvironmentDetails } from './EnvironmentDetails';

// A file of its own: usePermission caches decisions per module instance, so
// "deny" must not share a module registry with the "allow" tests.
jest.setTimeout(30_000);

describe('without the destroy and update permissions', () => {
  it('hides Destroy and Retry but still shows the failure', async () => {
    const failedOp = makeOperation({ status: 'failed' });
    const api = mockEnvironmentsApi({
      getEnvironment: jest.fn().mockResolvedValue(
        makeEnvironment({
          status: 'failed',
          failureReason: 'quota exceeded',
        }),
      ),
      listOperations: jest.fn().mockResolvedValue([failedOp]),
      getOperationEvents: jest
        .fn()
        .mockResolvedValue({ items: [], nextSince: 0, operation: failedOp }),
    });
    await renderWithEnvironmentsApi(<EnvironmentDetails name="staging" />, {
      environmentsApi: api,
      permission: AuthorizeResult.DENY,
    });
    expect(await screen.findByTestId('failure-panel')).toHaveTextContent(
      'quota exceeded',
    );
    // Decisions are asynchronous: wait for the page to settle first.
    await screen.findByText('This operation recorded no events.');
    expect(
      screen.queryByRole('button', { name: 'Destroy' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Retry' }),
    ).not.toBeInTheDocument();
  });
});
