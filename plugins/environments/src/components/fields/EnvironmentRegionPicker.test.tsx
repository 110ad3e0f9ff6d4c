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
import { EnvironmentRegionPicker } from './EnvironmentRegionPicker';

jest.setTimeout(30_000);

const targets: EnvironmentTarget[] = [
  {
    accountId: '111111111111',
    title: 'Sandbox',
    regions: ['eu-west-1', 'eu-central-1'],
  },
  { accountId: '222222222222', regions: ['us-east-1', 'us-west-2'] },
  { accountId: '333333333333', regions: ['ap-south-1', 'eu-central-1'] },
];

type Values = { account?: string; region?: string };

/**
 * The region field in a form whose other values (the account) are passed as
 * `formContext.formData`, like the scaffolder's Stepper does; buttons stand
 * in for the account field. With `withAccountPicker` the real account field
 * is in the form too.
 */
function Form(props: {
  initial: Values;
  onChange: jest.Mock;
  withAccountPicker?: boolean;
}) {
  const [values, setValues] = useState<Values>(props.initial);
  return (
    <>
      {props.withAccountPicker ? (
        <EnvironmentAccountPicker
          {...makeFieldProps({
            name: 'account',
            schema: { type: 'string', title: 'AWS account' },
            formData: values.account,
            onChange: account => setValues(v => ({ ...v, account })),
          })}
        />
      ) : (
        targets.map(t => (
          <button
            key={t.accountId}
            type="button"
            onClick={() => setValues(v => ({ ...v, account: t.accountId }))}
          >
            use {t.accountId}
          </button>
        ))
      )}
      <EnvironmentRegionPicker
        {...makeFieldProps({
          name: 'region',
          schema: { type: 'string', title: 'AWS region' },
          formData: values.region,
          formContext: { formData: values },
          onChange: region => {
            props.onChange(region);
            setValues(v => ({ ...v, region }));
          },
        })}
      />
      <output data-testid="values">{JSON.stringify(values)}</output>
    </>
  );
}

async function render(
  initial: Values,
  listTargets: jest.Mock = jest.fn().mockResolvedValue(targets),
  withAccountPicker = false,
): Promise<jest.Mock> {
  const onChange = jest.fn();
  // inside act: the targets arrive while the app renders
  await act(async () => {
    await renderWithEnvironmentsApi(
      <Form
        initial={initial}
        onChange={onChange}
        withAccountPicker={withAccountPicker}
      />,
      { environmentsApi: mockEnvironmentsApi({ listTargets }) },
    );
  });
  return onChange;
}

const select = () =>
  screen.getByRole('combobox', { name: /AWS region/ }) as HTMLSelectElement;
const options = () =>
  within(select())
    .queryAllByRole('option')
    .map(o => (o as HTMLOptionElement).value);

describe('EnvironmentRegionPicker', () => {
  it("offers the regions of the form's account and selects the first when empty", async () => {
    const onChange = await render({ account: '111111111111' });
    await waitFor(() => expect(select().value).toBe('eu-west-1'));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith('eu-west-1');
    expect(
      within(select())
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['eu-west-1 (Ireland)', 'eu-central-1 (Frankfurt)']);
  });

  it('switches to the first region of a newly chosen account that lacks the current one', async () => {
    const onChange = await render({
      account: '111111111111',
      region: 'eu-central-1',
    });
    await screen.findByRole('option', { name: 'eu-central-1 (Frankfurt)' });
    expect(select().value).toBe('eu-central-1');
    expect(onChange).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'use 222222222222' }),
    );
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('us-east-1'));
    expect(options()).toEqual(['us-east-1', 'us-west-2']);
    expect(select().value).toBe('us-east-1');
    expect(JSON.parse(screen.getByTestId('values').textContent!)).toEqual({
      account: '222222222222',
      region: 'us-east-1',
    });
  });

  it('keeps the region when the new account allows it too', async () => {
    const onChange = await render({
      account: '111111111111',
      region: 'eu-central-1',
    });
    await screen.findByRole('option', { name: 'eu-central-1 (Frankfurt)' });
    await userEvent.click(
      screen.getByRole('button', { name: 'use 333333333333' }),
    );
    await waitFor(() =>
      expect(options()).toEqual(['ap-south-1', 'eu-central-1']),
    );
    expect(select().value).toBe('eu-central-1');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('changes on selection', async () => {
    const onChange = await render({
      account: '222222222222',
      region: 'us-east-1',
    });
    await screen.findByRole('option', { name: 'us-west-2 (Oregon)' });
    await userEvent.selectOptions(select(), 'us-west-2');
    expect(onChange).toHaveBeenLastCalledWith('us-west-2');
    expect(select().value).toBe('us-west-2');
  });

  it('waits for an account before offering regions', async () => {
    const onChange = await render({});
    expect(
      await screen.findByText('Choose an AWS account first'),
    ).toBeInTheDocument();
    expect(options()).toEqual([]);
    expect(select()).toBeDisabled();
    expect(onChange).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'use 333333333333' }),
    );
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('ap-south-1'));
    expect(screen.queryByText('Choose an AWS account first')).toBeNull();
  });

  it('with the account field, an untouched form gets the first account and its first region', async () => {
    await render({}, jest.fn().mockResolvedValue(targets), true);
    await waitFor(() =>
      expect(JSON.parse(screen.getByTestId('values').textContent!)).toEqual({
        account: '111111111111',
        region: 'eu-west-1',
      }),
    );
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: /AWS account/ }),
      '222222222222',
    );
    await waitFor(() =>
      expect(JSON.parse(screen.getByTestId('values').textContent!)).toEqual({
        account: '222222222222',
        region: 'us-east-1',
      }),
    );
  });

  it('shows the error message when the targets cannot be read', async () => {
    const onChange = await render(
      { account: '111111111111' },
      jest.fn().mockRejectedValue(new Error('environments backend is down')),
    );
    expect(
      await screen.findByText(
        'Could not load the AWS regions: environments backend is down',
      ),
    ).toBeInTheDocument();
    expect(select()).toBeDisabled();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('says so when the account is not configured', async () => {
    const onChange = await render({ account: '999999999999' });
    expect(
      await screen.findByText(
        'AWS account 999999999999 is not configured in environments.accounts',
      ),
    ).toBeInTheDocument();
    expect(options()).toEqual([]);
    expect(onChange).not.toHaveBeenCalled();
  });
});
