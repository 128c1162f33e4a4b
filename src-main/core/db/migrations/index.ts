// The ordered list of migrations. Add a new numbered file and append it here; never edit an applied one.
import { migration001 } from './001-foundation';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [migration001];
