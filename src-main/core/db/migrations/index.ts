// The ordered list of migrations. Add a new numbered file and append it here; never edit an applied one.
import { migration001 } from './001-foundation';
import { migration002 } from './002-shop';
import { migration003 } from './003-apps-and-webhooks';
import { migration004 } from './004-oauth';
import { migration005 } from './005-webhook-delivery';
import { migration006 } from './006-app-store';
import { migration007 } from './007-month-close';
import { migration008 } from './008-combined-month-index';
import { migration009 } from './009-webhook-log-retention';
import { migration010 } from './010-oauth-refresh-grace';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

// Numbers are reserved per area so parallel work never collides: 002 shop data, 003 apps and webhooks,
// 004 OAuth tokens, 005 webhook delivery, 006 App Store, 007 month close, 008 the combined view's month index, 009 the webhook log's retention, 010 the refresh-token grace window.
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010];
