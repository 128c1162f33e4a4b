// The app configuration file `partnerdeck app dev` reads from the app's folder: partnerdeck.app.toml or
// partnerdeck.app.json (docs/app-development.md). Read and checked here, before anything is written; every
// problem names the file, the key and the line it is on.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { z } from 'zod';
import { appNameSchema, appUrlSchema, developerEmailSchema, AUTHORIZATION_URL_PROBLEM } from '../../../src-shared/api/app-inputs';
import { OAUTH_SCOPES, type OAuthScope } from '../../../src-shared/domain/oauth-scopes';
import { canonicalWebhookTopic, WEBHOOK_TOPICS, type WebhookTopic } from '../../../src-shared/domain/webhook-topics';
import { UsageError } from '../cli-io';

export const CONFIG_FILE_NAMES = ['partnerdeck.app.toml', 'partnerdeck.app.json'] as const;

export interface AppConfig {
  /** Where it was read from. */
  file: string;
  name: string;
  scopes: OAuthScope[];
  redirectUrls: string[];
  startUrl: string | null;
  authorizationUrl: string | null;
  developerEmail: string;
  webhooks: { topic: WebhookTopic; address: string }[];
  dev: { company: number | null; envFile: string | null };
}

const webhookSchema = z
  .object({
    topic: z.string({ required_error: 'is required' }).transform((value, ctx) => {
      const topic = canonicalWebhookTopic(value.trim());
      if (topic === null) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${value}" is not a webhook topic (one of ${WEBHOOK_TOPICS.join(', ')})` });
        return z.NEVER;
      }
      return topic;
    }),
    address: appUrlSchema,
  })
  .strict();

const fileSchema = z
  .object({
    name: appNameSchema,
    scopes: z
      .array(z.enum(OAUTH_SCOPES, { errorMap: () => ({ message: `must be one of ${OAUTH_SCOPES.join(', ')}` }) }), { invalid_type_error: 'must be a list, e.g. ["orders", "webhooks"]' })
      .min(1, `needs at least one scope (${OAUTH_SCOPES.join(', ')})`),
    redirect_urls: z
      .array(appUrlSchema, { invalid_type_error: 'must be a list of URLs' })
      .min(1, 'needs at least one redirect URL')
      .max(20, 'may list at most 20 redirect URLs')
      .refine((uris) => new Set(uris).size === uris.length, 'lists the same URL twice'),
    start_url: appUrlSchema.optional(),
    authorization_url: appUrlSchema.optional(),
    developer_email: developerEmailSchema.optional(),
    webhooks: z.array(webhookSchema, { invalid_type_error: 'must be a list of {topic, address}' }).max(100, 'may list at most 100 webhooks').default([]),
    dev: z
      .object({
        company: z.number().int('must be a whole number').positive('must be a company id').optional(),
        env_file: z.string().trim().min(1, 'must name a file').optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.authorization_url !== undefined && !value.redirect_urls.includes(value.authorization_url)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['authorization_url'], message: AUTHORIZATION_URL_PROBLEM.replace('URIs', 'URLs (redirect_urls)') });
    }
    const seen = new Set<string>();
    value.webhooks.forEach((hook, i) => {
      const key = `${hook.topic} ${hook.address}`;
      if (seen.has(key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['webhooks', i], message: 'repeats an earlier webhook (same topic and address)' });
      seen.add(key);
    });
  });

/** The config file in `folder`, or a usage error saying what to create. Both present: refused (which one wins?). */
export function findConfigFile(folder: string): string {
  const present = CONFIG_FILE_NAMES.map((name) => join(folder, name)).filter((path) => existsSync(path));
  if (present.length === 0) {
    throw new UsageError(`no ${CONFIG_FILE_NAMES.join(' or ')} in ${folder}: create one (docs/app-development.md shows one), or give the app's folder with --path`);
  }
  if (present.length > 1) throw new UsageError(`${folder} has both ${CONFIG_FILE_NAMES.join(' and ')}: keep one`);
  return present[0];
}

/** The 1-based line of a position in a text. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/**
 * The line a key path is on, best effort: the n-th `[[webhooks]]` table (TOML) or n-th object of the
 * `webhooks` list (JSON) for a webhook's key, else the first line that assigns the key.
 */
export function lineOfKey(text: string, path: readonly (string | number)[]): number | null {
  const keyLine = (key: string, from: number): number | null => {
    const pattern = new RegExp(`^[ \\t]*(?:"${key}"|${key})[ \\t]*[=:]`, 'm');
    const match = pattern.exec(text.slice(from));
    return match ? lineAt(text, from + match.index + match[0].search(/\S/)) : null;
  };
  if (path[0] === 'webhooks' && typeof path[1] === 'number') {
    const tables = [...text.matchAll(/^\s*\[\[\s*webhooks\s*\]\]/gm)];
    let from: number | undefined = tables[path[1]]?.index;
    if (from === undefined) {
      // JSON (or an inline TOML list): the n-th object after "webhooks".
      const list = text.search(/"webhooks"\s*:|^\s*webhooks\s*=/m);
      if (list >= 0) {
        let at = list;
        for (let i = 0; i <= path[1]; i += 1) {
          const next = text.indexOf('{', at + 1);
          if (next < 0) break;
          at = next;
        }
        from = at;
      }
    }
    if (from === undefined) return keyLine('webhooks', 0);
    return typeof path[2] === 'string' ? (keyLine(path[2], from) ?? lineAt(text, from)) : lineAt(text, from + 1);
  }
  if (path[0] === 'dev' && typeof path[1] === 'string') {
    const section = text.search(/^\s*\[\s*dev\s*\]|"dev"\s*:/m);
    if (section >= 0) return keyLine(path[1], section);
  }
  return typeof path[0] === 'string' ? keyLine(path[0], 0) : null;
}

function keyName(path: readonly (string | number)[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/** Reads and checks the config file; a problem is a UsageError naming file:line and key. */
export function readAppConfig(file: string): AppConfig {
  const text = readFileSync(file, 'utf8');
  let raw: unknown;
  if (file.endsWith('.toml')) {
    try {
      raw = parseToml(text);
    } catch (error) {
      if (error instanceof TomlError) throw new UsageError(`${file}:${error.line}:${error.column}: not valid TOML: ${error.message.split('\n')[0].replace(/^Invalid TOML document: /, '')}`);
      throw error;
    }
  } else {
    try {
      raw = JSON.parse(text);
    } catch (error) {
      const position = /position (\d+)/.exec((error as Error).message);
      const where = position ? `:${lineAt(text, Number(position[1]))}` : '';
      throw new UsageError(`${file}${where}: not valid JSON: ${(error as Error).message}`);
    }
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = unknownKeys.length > 0 ? [...issue.path, unknownKeys[0]] : issue.path;
    const line = lineOfKey(text, path);
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : '';
    const message = unknownKeys.length > 0 ? `is not a known key (known: ${knownKeys(issue.path)})` : issue.message === 'Required' ? 'is required' : issue.message;
    throw new UsageError(`${file}${line === null ? '' : `:${line}`}: ${keyName(path) || 'the file'} ${message}${more}`);
  }
  const value = parsed.data;
  return {
    file,
    name: value.name,
    scopes: value.scopes,
    redirectUrls: value.redirect_urls,
    startUrl: value.start_url ?? null,
    authorizationUrl: value.authorization_url ?? null,
    developerEmail: value.developer_email ?? '',
    webhooks: value.webhooks,
    dev: { company: value.dev.company ?? null, envFile: value.dev.env_file ?? null },
  };
}

function knownKeys(path: readonly (string | number)[]): string {
  if (path[0] === 'webhooks') return 'topic, address';
  if (path[0] === 'dev') return 'company, env_file';
  return 'name, scopes, redirect_urls, start_url, authorization_url, developer_email, webhooks, dev';
}
