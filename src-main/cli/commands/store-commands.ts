// The App Store on the command line, for the platform operator and scripts: the review queue
// (`app review`), `app approve --beta|--release`, `app reject --reason`, and `user operator` to give or take
// the operator role. The CLI is the platform itself (the operator actor); the console shows App review only
// to users with the role.
import type { OperatorApp } from '../../../src-shared/api/app-store-types';
import { operatorApproveSchema, operatorRejectSchema } from '../../../src-shared/api/app-store-inputs';
import { ApiError } from '../../../src-shared/api/errors';
import { parseInput } from '../../../src-shared/api/validation';
import { APPROVAL_LABELS, VISIBILITY_LABELS } from '../../../src-shared/domain/app-store';
import { OPERATOR } from '../../core/access';
import { UsageError } from '../cli-io';
import { jsonOption, positiveInt, printTable, required, snakeFields, str, type Command } from '../command-kit';

function operatorAppJson(app: OperatorApp): Record<string, unknown> {
  const request = app.latestRequest;
  return {
    ...snakeFields(app, ['id', 'kind', 'name', 'developerCompanyId', 'developerName', 'visibility', 'approval', 'priceMinor', 'currency']),
    latest_request: request && snakeFields(request, ['id', 'requestedAt', 'requestedBy', 'message', 'decision', 'decidedAt', 'decidedBy', 'visibility', 'reason']),
  };
}

/** A service error as one line: field problems name the flag, a refused step says why. */
function asCliError(error: unknown, flags: Record<string, string>): never {
  if (error instanceof ApiError) {
    if (error.code === 'validation_failed') {
      const [field, problems] = Object.entries(error.fields)[0] ?? ['input', [error.message]];
      throw new UsageError(`${flags[field] ?? `--${field}`}: ${problems[0]}`);
    }
    if (error.code === 'not_found') throw new UsageError(`--app: ${error.message}`);
    throw new UsageError(error.message);
  }
  throw error;
}

const appReview: Command = {
  name: 'app review',
  summary: 'The platform operator’s App Store review queue: listings waiting for approval (or every listing)',
  options: {
    all: { description: 'every listing with its state (default: only those waiting for approval)' },
    json: jsonOption('[{"id", "kind", "name", "developer_company_id", "developer_name", "visibility", "approval", "price_minor", "currency", "latest_request": {...} | null}]'),
  },
  examples: ['app review', 'app review --all --json'],
  async run({ values, io, openPlatform }) {
    const platform = openPlatform('none');
    try {
      const apps = platform.appApprovals.list(OPERATOR, values.all ? 'all' : 'pending');
      if (values.json) io.out(JSON.stringify(apps.map(operatorAppJson)));
      else {
        printTable(
          io,
          apps.map((a) => ({
            id: a.id,
            kind: a.kind,
            name: a.name,
            developer: a.developerName,
            state: VISIBILITY_LABELS[a.visibility],
            approval: APPROVAL_LABELS[a.approval],
            requested: a.latestRequest?.requestedAt ?? '',
          })),
        );
      }
      return 0;
    } finally {
      platform.close();
    }
  },
};

const appApprove: Command = {
  name: 'app approve',
  summary: 'Approve a listing waiting for review into Beta (free for everyone) or Release (bought)',
  description: 'Give one of --beta or --release. The developer gets an email in the local outbox.',
  options: {
    app: { value: 'ID', description: 'the listing (see `partnerdeck app review`)', required: true, field: 'appId' },
    beta: { description: 'visible to all, marked Beta and free; whoever installs during Beta never pays later' },
    release: { description: "visible to all; installing means buying it (a paid order in the developer's shop)" },
    note: { value: 'TEXT', description: 'a note for the developer (in the approval email)' },
    json: jsonOption('the listing, as `app review --json` shows it'),
  },
  examples: ['app approve --app 12 --beta', 'app approve --app 12 --release --note "Welcome to the App Store"'],
  async run({ values, io, openPlatform }) {
    const appId = positiveInt(required(values, 'app'), 'app')!;
    if (Boolean(values.beta) === Boolean(values.release)) throw new UsageError('choose one of --beta or --release');
    let input;
    try {
      input = parseInput(operatorApproveSchema, { appId, visibility: values.beta ? 'beta' : 'release', note: str(values, 'note') ?? '' });
    } catch (error) {
      asCliError(error, { appId: '--app', note: '--note' });
    }
    const platform = openPlatform('none');
    try {
      let app: OperatorApp;
      try {
        app = platform.appApprovals.approve(OPERATOR, input);
      } catch (error) {
        asCliError(error, { appId: '--app', note: '--note', visibility: '--beta/--release' });
      }
      if (values.json) io.out(JSON.stringify(operatorAppJson(app)));
      else io.out(`approved app ${app.id}: ${app.name} (${app.developerName}) is now in ${VISIBILITY_LABELS[app.visibility]}`);
      return 0;
    } finally {
      platform.close();
    }
  },
};

const appReject: Command = {
  name: 'app reject',
  summary: 'Reject a listing waiting for review, with a reason the developer can act on',
  description: 'The listing stays in Development; the developer may change it and request approval again.',
  options: {
    app: { value: 'ID', description: 'the listing (see `partnerdeck app review`)', required: true, field: 'appId' },
    reason: { value: 'TEXT', description: 'why: shown in My Apps and sent to the developer by email', required: true },
    json: jsonOption('the listing, as `app review --json` shows it'),
  },
  examples: ['app reject --app 12 --reason "The Start URL answers 404"'],
  async run({ values, io, openPlatform }) {
    const appId = positiveInt(required(values, 'app'), 'app')!;
    let input;
    try {
      input = parseInput(operatorRejectSchema, { appId, reason: str(values, 'reason') ?? '' });
    } catch (error) {
      asCliError(error, { appId: '--app', reason: '--reason' });
    }
    const platform = openPlatform('none');
    try {
      let app: OperatorApp;
      try {
        app = platform.appApprovals.reject(OPERATOR, input);
      } catch (error) {
        asCliError(error, { appId: '--app', reason: '--reason' });
      }
      if (values.json) io.out(JSON.stringify(operatorAppJson(app)));
      else io.out(`rejected app ${app.id}: ${app.name} (${app.developerName}) stays in Development`);
      return 0;
    } finally {
      platform.close();
    }
  },
};

const userOperator: Command = {
  name: 'user operator',
  summary: 'Give a user the platform operator role (App review in the console), or take it with --revoke',
  options: {
    email: { value: 'EMAIL', description: "the user's login email", required: true },
    revoke: { description: 'take the role away' },
    json: jsonOption('{"id", "email", "is_operator"}'),
  },
  examples: ['user operator --email olivia@platform-operations.example', 'user operator --email dana@northwind-partners.example --revoke'],
  async run({ values, io, openPlatform }) {
    const email = required(values, 'email').trim().toLowerCase();
    const platform = openPlatform('none');
    try {
      const found = platform.localUsers.actorByEmail(email);
      if (!found) throw new UsageError(`--email ${email}: no such user`);
      const user = platform.users.setOperator(OPERATOR, found.userId, !values.revoke);
      if (values.json) io.out(JSON.stringify({ id: user.id, email: user.email, is_operator: user.isOperator }));
      else io.out(`${user.email} ${user.isOperator ? 'is now a platform operator' : 'is no longer a platform operator'}`);
      return 0;
    } finally {
      platform.close();
    }
  },
};

export const STORE_COMMANDS: Command[] = [appReview, appApprove, appReject, userOperator];
