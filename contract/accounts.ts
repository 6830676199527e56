import { z } from 'zod';
import { InstantOut, Text } from './common.ts';

export const RoleKey = z
  .string()
  .min(1)
  .max(60)
  .describe('viewer, analyst, investigator, admin, guest, or a custom role');
const Email = z
  .email()
  .max(254)
  .transform((v) => v.toLowerCase());
export const Password = z.string().min(12, 'must be at least 12 characters').max(256);

export const Account = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  disabled: z.boolean(),
  createdAt: InstantOut,
  updatedAt: InstantOut,
});
export type Account = z.infer<typeof Account>;

export const CreateAccount = z.strictObject({
  email: Email,
  name: Text(120),
  role: RoleKey,
  password: Password,
});
export const UpdateAccount = z
  .strictObject({
    email: Email.optional(),
    name: Text(120).optional(),
    role: RoleKey.optional(),
    disabled: z.boolean().optional(),
    password: Password.optional().describe('Sets a new password and ends the account’s sessions'),
    revokeTokens: z
      .boolean()
      .optional()
      .describe(
        'With a new password: also revoke every API token of the account (a password handed to an administrator because it leaked may have leaked with its tokens)',
      ),
  })
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change')
  .refine((v) => v.revokeTokens === undefined || v.password !== undefined, {
    message: 'revokeTokens goes with a new password',
    path: ['revokeTokens'],
  });
export const AccountListItem = Account.extend({
  canWorkCases: z
    .boolean()
    .describe(
      'Active, and its role may view and manage cases: it may be assigned cases, tasks and incidents',
    ),
  canContribute: z
    .boolean()
    .describe('Active, and a person rather than an integration: it may be added to a case'),
});
export type AccountListItem = z.infer<typeof AccountListItem>;
export const AccountList = z.object({ items: z.array(AccountListItem) });

export const Role = z.object({
  key: z.string(),
  name: z.string(),
  permissions: z.array(z.string()),
  builtin: z.boolean(),
});
export const RoleList = z.object({ items: z.array(Role) });

export const SignIn = z.strictObject({ email: z.string().max(254), password: z.string().max(256) });
export const Me = z.object({
  account: Account,
  permissions: z.array(z.string()),
  workspace: z.object({ id: z.number().int(), name: z.string() }),
  csrfToken: z
    .string()
    .nullable()
    .describe('Send as X-CSRF-Token on writes made with the session cookie'),
});
export const ChangePassword = z.strictObject({
  currentPassword: z.string().max(256),
  newPassword: Password,
});
export const UpdateProfile = z.strictObject({ name: Text(120) });

export const TokenScope = z
  .enum(['full', 'read', 'ingest'])
  .describe(
    '`full`: everything the account’s role may do; `read`: only what it may view; `ingest`: only sending alerts',
  );
export type TokenScope = z.infer<typeof TokenScope>;

export const ApiToken = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the secret, to recognise it'),
  scope: TokenScope,
  createdAt: InstantOut,
  lastUsedAt: InstantOut.nullable(),
  expiresAt: InstantOut.nullable().describe('After this the token is refused; null: never'),
});
export const CreatedApiToken = ApiToken.extend({
  token: z.string().describe('The secret: shown once, never again'),
});
export const CreateApiToken = z.strictObject({
  name: Text(120),
  scope: TokenScope.default('full'),
  expiresInDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .describe('Days until the token expires; without it, it lasts until revoked'),
});
export type CreateApiToken = z.infer<typeof CreateApiToken>;
export const ApiTokenList = z.object({ items: z.array(ApiToken) });
