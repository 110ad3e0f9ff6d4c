import { useState } from 'react';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EnvironmentTarget } from '@taskplatform/plugin-environments-common';
import {
  makeFieldProps,
  mockEnvironmentsApi,
  renderWithEnvironmentsApi,
} from '../../__testUtils__';
import { EnvironmentAccountPicker } from './EnvironmentAccountPicker';

jest.setTimeout(30_000);

const targets: EnvironmentTarget[] = [
  {
    accountId: '111111111111',
    title: 'Sandbox',
    regions: ['eu-west-1', 'eu-central-1'],
  },
  { accountId: '222222222222', regions: ['us-east-1'] },
];

/** The field in a form that keeps the value it is given, like RJSF does. */
function Form(props: { initial?: string; onChange: jest.Mock }) {
  const [value, setValue] = useState(props.initial);
  return (
    <EnvironmentAccountPicker
      {...makeFieldProps({
        name: 'account',
        schema: { type: 'string', title: 'AWS account' },
        formData: value,
        onChange: next => {
          props.onChange(next);
          setValue(next);
        },
      })}
    />
  );
}

async function render(
  listTargets: jest.Mock,
  initial?: string,
  warmDeployer: jest.Mock = jest.fn().mockResolvedValue(undefined),
): Promise<jest.Mock> {
  const onChange = jest.fn();
  // inside act: the targets arrive while the app renders
  await act(async () => {
    await renderWithEnvironmentsApi(
      <Form initial={initial} onChange={onChange} />,
      {
        environmentsApi: mockEnvironmentsApi({ listTargets, warmDeployer }),
      },
    );
  });
  return onChange;
}

const select = () =>
  screen.getByRole('combobox', { name: /AWS account/ }) as HTMLSelectElement;

describe('EnvironmentAccountPicker', () => {
  it('offers the configured accounts as "title (id)" and selects the first when empty', async () => {
    const listTargets = jest.fn().mockResolvedValue(targets);
    const onChange = await render(listTargets);
    await waitFor(() => expect(select().value).toBe('111111111111'));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith('111111111111');
    expect(
      within(select())
        .getAllByRole('option')
        .map(o => [o.textContent, (o as HTMLOptionElement).value]),
    ).toEqual([
      ['Sandbox (111111111111)', '111111111111'],
      ['222222222222', '222222222222'],
    ]);
    expect(listTargets).toHaveBeenCalledTimes(1);
  });

  it('keeps a configured account it is given and changes on selection', async () => {
    const onChange = await render(
      jest.fn().mockResolvedValue(targets),
      '222222222222',
    );
    await screen.findByRole('option', { name: 'Sandbox (111111111111)' });
    expect(select().value).toBe('222222222222');
    expect(onChange).not.toHaveBeenCalled();

    await userEvent.selectOptions(select(), '111111111111');
    expect(onChange).toHaveBeenLastCalledWith('111111111111');
    expect(select().value).toBe('111111111111');
  });

  it('replaces an account that is not configured by the first one', async () => {
    const onChange = await render(
      jest.fn().mockResolvedValue(targets),
      '999999999999',
    );
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('111111111111'));
    expect(select().value).toBe('111111111111');
  });

  it('asks the backend to warm the deployer once when the form opens; a refusal changes nothing', async () => {
    const warmDeployer = jest
      .fn()
      .mockRejectedValue(new Error('environment.create denied'));
    const onChange = await render(
      jest.fn().mockResolvedValue(targets),
      undefined,
      warmDeployer,
    );
    await waitFor(() => expect(select().value).toBe('111111111111'));
    expect(warmDeployer).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(screen.queryByText(/denied/)).not.toBeInTheDocument();
  });

  it('shows that the accounts are loading', async () => {
    const onChange = await render(jest.fn(() => new Promise(() => {})));
    expect(
      await screen.findByText('Loading the AWS accounts…'),
    ).toBeInTheDocument();
    expect(select()).toBeDisabled();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('shows the error message when the accounts cannot be read', async () => {
    const onChange = await render(
      jest.fn().mockRejectedValue(new Error('environments backend is down')),
    );
    expect(
      await screen.findByText(
        'Could not load the AWS accounts: environments backend is down',
      ),
    ).toBeInTheDocument();
    expect(select()).toBeDisabled();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('says so when no account is configured', async () => {
    const onChange = await render(jest.fn().mockResolvedValue([]));
    expect(
      await screen.findByText(
        'No AWS accounts are configured in environments.accounts',
      ),
    ).toBeInTheDocument();
    expect(within(select()).queryAllByRole('option')).toHaveLength(0);
    expect(onChange).not.toHaveBeenCalled();
  });
});
