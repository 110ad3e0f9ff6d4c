import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeEnvironment,
  makeOperation,
  mockEnvironmentsApi,
  renderWithEnvironmentsApi,
} from '../../__testUtils__';
import { DestroyEnvironmentButton } from './DestroyEnvironmentButton';

jest.setTimeout(30_000);

async function render(
  environmentsApi = mockEnvironmentsApi(),
  environment = makeEnvironment(),
) {
  const onDestroyStarted = jest.fn();
  await renderWithEnvironmentsApi(
    <DestroyEnvironmentButton
      environment={environment}
      onDestroyStarted={onDestroyStarted}
    />,
    { environmentsApi },
  );
  return { environmentsApi, onDestroyStarted };
}

describe('DestroyEnvironmentButton', () => {
  it('destroys only after the exact name is typed', async () => {
    const api = mockEnvironmentsApi({
      destroy: jest.fn().mockResolvedValue({
        environment: makeEnvironment({ status: 'destroying' }),
        operation: makeOperation({ kind: 'destroy', status: 'queued' }),
      }),
    });
    const { onDestroyStarted } = await render(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Destroy' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Destroy environment staging?',
    });
    expect(dialog).toBeVisible();
    const confirm = screen.getByRole('button', { name: 'Destroy staging' });
    expect(confirm).toBeDisabled();

    const input = screen.getByRole('textbox', { name: 'Environment name' });
    await userEvent.type(input, 'stagin');
    expect(confirm).toBeDisabled();
    await userEvent.type(input, 'g ');
    expect(confirm).toBeDisabled();
    await userEvent.clear(input);
    await userEvent.type(input, 'Staging');
    expect(confirm).toBeDisabled();
    await userEvent.clear(input);
    await userEvent.type(input, 'staging');
    expect(confirm).toBeEnabled();

    await userEvent.click(confirm);
    expect(api.destroy).toHaveBeenCalledWith('staging', {
      confirm: 'staging',
      idempotencyKey: expect.any(String),
    });
    await waitFor(() => expect(onDestroyStarted).toHaveBeenCalled());
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('keeps the dialog open with the backend message when destroy fails', async () => {
    const api = mockEnvironmentsApi({
      destroy: jest
        .fn()
        .mockRejectedValue(new Error('an operation is already running')),
    });
    const { onDestroyStarted } = await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Destroy' }),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Environment name' }),
      'staging',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Destroy staging' }),
    );
    expect(
      await screen.findByText('an operation is already running'),
    ).toBeVisible();
    expect(screen.getByRole('dialog')).toBeVisible();
    expect(onDestroyStarted).not.toHaveBeenCalled();
  });

  it('is not offered for an environment that is already being destroyed', async () => {
    await render(
      mockEnvironmentsApi(),
      makeEnvironment({ status: 'destroying' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Destroy' }),
      ).not.toBeInTheDocument(),
    );
  });
});
