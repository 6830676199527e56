import { describe, expect, it } from 'vitest';
import { ApiError } from '../api.ts';
import { errorMessage } from './error-message.ts';

describe('the reason shown for a refused request', () => {
  it('is the server message, with the fields of a refused input named', () => {
    const invalid = new ApiError(400, 'invalid_input', 'The request body is not valid', [
      { path: 'body.name', message: 'must not be blank' },
      { path: 'body.color', message: 'must be a colour like #3b82f6' },
    ]);
    expect(errorMessage(invalid)).toBe(
      'The request body is not valid (name: must not be blank; color: must be a colour like #3b82f6)',
    );
  });

  it('does not repeat a detail that only restates the message', () => {
    const refused = new ApiError(400, 'invalid_input', '"Closed" is a closed status', [
      { path: 'body.isDefault', message: '"Closed" is a closed status' },
    ]);
    expect(errorMessage(refused)).toBe('"Closed" is a closed status');
    expect(
      errorMessage(new ApiError(409, 'conflict', 'A status named "Open" already exists')),
    ).toBe('A status named "Open" already exists');
    expect(errorMessage('nope')).toBe('Something went wrong');
  });
});
