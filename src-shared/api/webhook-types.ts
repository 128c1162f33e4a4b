// A webhook registration (spec §4/§5) as services and the console see it; the REST API sends the same data
// with the wire names of spec §4 (`is_active`, `created_at`, ...).
import type { WebhookTopic } from '../domain/webhook-topics';

export interface Webhook {
  id: number;
  appId: number;
  companyId: number;
  address: string;
  topic: WebhookTopic;
  format: 'json';
  isActive: boolean;
  deactivatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
