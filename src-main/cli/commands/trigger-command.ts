// `partnerdeck trigger <topic> --company ID`: does the real thing a webhook topic reports (like Stripe's
// `trigger`), through the shop's own services, so the event flows through the real pipeline: the change and
// its webhook event rows commit together, and the dispatcher of a running serve, console or desktop app
// sends them. Objects it makes carry "trigger" in their name and a @trigger.partnerdeck.test address;
// update and delete topics act on such a fresh object unless --id names one of the shop's own.
import { OPERATOR } from '../../core/access';
import { SAMPLE_CANNOT_SELL } from '../../core/services/checkout-service';
import { ApiError } from '../../../src-shared/api/errors';
import type { Platform } from '../../core/platform';
import { activeDispatcherPid } from '../../core/webhooks/webhook-dispatcher-lease';
import { parseInput } from '../../../src-shared/api/validation';
import { checkoutSchema, customerCreateSchema, orderCreateSchema, groupMemberCreateSchema, newsletterRecipientCreateSchema, productCreateSchema, subscriberCreateSchema } from '../../../src-shared/api/shop-inputs';
import { canonicalWebhookTopic, WEBHOOK_TOPICS, type WebhookTopic } from '../../../src-shared/domain/webhook-topics';
import { UsageError } from '../cli-io';
import { jsonOption, positiveInt, required, str, type Command } from '../command-kit';

const FIXTURE_DOMAIN = 'trigger.partnerdeck.test';

interface Made {
  /** What was done, for people. */
  done: string[];
  object: { type: string; id: number };
}

type Action = (platform: Platform, companyId: number, tag: string, existingId: number | undefined) => Made;

const withoutCompany = <T extends { companyId: number }>({ companyId: _companyId, ...rest }: T): Omit<T, 'companyId'> => rest;

function fixtureEmail(tag: string): string {
  return `customer-${tag}@${FIXTURE_DOMAIN}`;
}

function newCustomer(platform: Platform, companyId: number, tag: string) {
  const input = parseInput(customerCreateSchema, { companyId, email: fixtureEmail(tag), name: `Trigger Customer ${tag}`, note: 'Made by partnerdeck trigger' });
  return platform.customers.create(OPERATOR, companyId, withoutCompany(input));
}

function newProduct(platform: Platform, companyId: number, tag: string) {
  const input = parseInput(productCreateSchema, { companyId, kind: 'digital', name: `Trigger product ${tag}`, sku: `TRIGGER-${tag}`, priceMinor: 990, description: 'Made by partnerdeck trigger' });
  return platform.catalog.createProduct(OPERATOR, companyId, { ...withoutCompany(input), kind: input.kind });
}

function edited(platform: Platform): string {
  return `Edited by partnerdeck trigger at ${platform.clock.nowIso()}`;
}

const ACTIONS: Record<Exclude<WebhookTopic, 'app/uninstalled' | 'app/update'>, Action> = {
  'customer/create': (platform, companyId, tag) => {
    const customer = newCustomer(platform, companyId, tag);
    return { done: [`created customer ${customer.id} (${customer.email})`], object: { type: 'customer', id: customer.id } };
  },
  'customer/update': (platform, companyId, tag, id) => {
    const done: string[] = [];
    if (id === undefined) {
      id = newCustomer(platform, companyId, tag).id;
      done.push(`created customer ${id} to edit`);
    }
    platform.customers.update(OPERATOR, companyId, id, { note: edited(platform) });
    return { done: [...done, `edited customer ${id} (note)`], object: { type: 'customer', id } };
  },
  'order/create': (platform, companyId, tag) => {
    const done: string[] = [];
    const company = platform.companies.get(OPERATOR, companyId);
    if (company.isSample) {
      throw new ApiError(
        'forbidden',
        `${SAMPLE_CANNOT_SELL}: ${company.name} is a sample company (its data is the salespeople's demo, and no order may be placed in it). ` +
          'Trigger orders on a development company (`partnerdeck app dev` makes one) or on a client whose shop may sell.',
        { reason: 'sample_company' },
      );
    }
    const shop = platform.shop.getSettings(OPERATOR, companyId);
    const product = newProduct(platform, companyId, tag);
    done.push(`created product ${product.id} to sell`);
    if (shop.storefrontOpen) {
      const request = parseInput(checkoutSchema, {
        companyId,
        customer: { email: fixtureEmail(tag), name: `Trigger Customer ${tag}` },
        lines: [{ productId: product.id, quantity: 1 }],
        note: 'Placed by partnerdeck trigger',
      });
      const order = platform.checkout.place(OPERATOR, companyId, withoutCompany(request));
      done.push(`placed order ${order.id} through the storefront's checkout (its new customer fires customer/create too)`);
      return { done, object: { type: 'order', id: order.id } };
    }
    // A closed storefront (every new shop's) takes no checkout; an admin still records orders by hand: do that.
    const customer = newCustomer(platform, companyId, tag);
    done.push(`created customer ${customer.id} (${customer.email}) to buy it`);
    const input = parseInput(orderCreateSchema, { companyId, customerId: customer.id, status: 'paid', lines: [{ productId: product.id, quantity: 1 }], note: 'Placed by partnerdeck trigger' });
    const order = platform.orders.create(OPERATOR, companyId, withoutCompany(input));
    done.push(`placed order ${order.id} as a paid manual order, the way an admin records one (the storefront of ${shop.shopName} is closed, so there is no checkout)`);
    return { done, object: { type: 'order', id: order.id } };
  },
  'product/create': (platform, companyId, tag) => {
    const product = newProduct(platform, companyId, tag);
    return { done: [`created product ${product.id} (${product.name})`], object: { type: 'product', id: product.id } };
  },
  'product/update': (platform, companyId, tag, id) => {
    const done: string[] = [];
    if (id === undefined) {
      id = newProduct(platform, companyId, tag).id;
      done.push(`created product ${id} to edit`);
    }
    platform.catalog.updateProduct(OPERATOR, companyId, id, { description: edited(platform) });
    return { done: [...done, `edited product ${id} (description)`], object: { type: 'product', id } };
  },
  'product/delete': (platform, companyId, tag, id) => {
    const done: string[] = [];
    if (id === undefined) {
      id = newProduct(platform, companyId, tag).id;
      done.push(`created product ${id} to delete`);
    }
    platform.catalog.deleteProduct(OPERATOR, companyId, id);
    return { done: [...done, `deleted product ${id}`], object: { type: 'product', id } };
  },
  'subscriber/create': (platform, companyId, tag) => {
    const subscriber = newSubscriber(platform, companyId, tag);
    return { done: [`created subscriber ${subscriber.id} (${subscriber.email})`], object: { type: 'subscriber', id: subscriber.id } };
  },
  'subscriber/update': (platform, companyId, tag, id) => {
    const done: string[] = [];
    if (id === undefined) {
      id = newSubscriber(platform, companyId, tag).id;
      done.push(`created subscriber ${id} to edit`);
    }
    platform.audience.subscribers.update(OPERATOR, companyId, id, { name: edited(platform) });
    return { done: [...done, `edited subscriber ${id} (name)`], object: { type: 'subscriber', id } };
  },
  'groupmember/create': (platform, companyId, tag) => {
    const { member, done } = newGroupMember(platform, companyId, tag);
    return { done: [...done, `added member ${member.id} (${member.email})`], object: { type: 'groupmember', id: member.id } };
  },
  'groupmember/update': (platform, companyId, tag, id) => {
    const done: string[] = [];
    if (id === undefined) {
      const made = newGroupMember(platform, companyId, tag);
      id = made.member.id;
      done.push(...made.done, `added member ${id} to edit`);
    }
    platform.audience.groupMembers.update(OPERATOR, companyId, id, { name: edited(platform) });
    return { done: [...done, `edited member ${id} (name)`], object: { type: 'groupmember', id } };
  },
  'newsrecipient/create': (platform, companyId, tag) => {
    const recipient = newRecipient(platform, companyId, tag);
    return { done: [`added newsletter recipient ${recipient.id} (${recipient.email})`], object: { type: 'newsrecipient', id: recipient.id } };
  },
  'newsrecipient/update': (platform, companyId, tag, id) => {
    const done: string[] = [];
    if (id === undefined) {
      id = newRecipient(platform, companyId, tag).id;
      done.push(`added newsletter recipient ${id} to edit`);
    }
    platform.audience.newsletterRecipients.update(OPERATOR, companyId, id, { name: edited(platform) });
    return { done: [...done, `edited newsletter recipient ${id} (name)`], object: { type: 'newsrecipient', id } };
  },
};

function newSubscriber(platform: Platform, companyId: number, tag: string) {
  const input = parseInput(subscriberCreateSchema, { companyId, email: `subscriber-${tag}@${FIXTURE_DOMAIN}`, name: `Trigger Subscriber ${tag}` });
  return platform.audience.subscribers.create(OPERATOR, companyId, withoutCompany(input));
}

function newRecipient(platform: Platform, companyId: number, tag: string) {
  const input = parseInput(newsletterRecipientCreateSchema, { companyId, email: `news-${tag}@${FIXTURE_DOMAIN}`, name: `Trigger Reader ${tag}` });
  return platform.audience.newsletterRecipients.create(OPERATOR, companyId, withoutCompany(input));
}

function newGroupMember(platform: Platform, companyId: number, tag: string) {
  const group = platform.audience.accessGroups.create(OPERATOR, companyId, { name: `Trigger group ${tag}`, description: 'Made by partnerdeck trigger' });
  const input = parseInput(groupMemberCreateSchema, { companyId, groupId: group.id, email: `member-${tag}@${FIXTURE_DOMAIN}`, name: `Trigger Member ${tag}` });
  return { member: platform.audience.groupMembers.create(OPERATOR, companyId, withoutCompany(input)), done: [`created access group ${group.id}`] };
}

const APP_TOPICS_EXPLAINED =
  'fires when a company uninstalls an app (app/uninstalled) or an app\'s permissions change (app/update): install, change or uninstall the app ' +
  'for the company (Extensions / App Store) to send it; trigger does not fake platform events';

export const triggerCommand: Command = {
  name: 'trigger',
  summary: 'Do the real thing a webhook topic reports (create a customer, place an order, ...) so its event goes out',
  description: `Creates real objects in the company's shop through the platform's own services; their webhook events commit with them and the dispatcher of a running serve, console or desktop app sends them. Update and delete topics act on a new object made for it (named "Trigger …"), or on --id.
  customer/create       a new customer
  customer/update       edits a customer's note
  order/create          a product, and a paid order: through the storefront's checkout when it is open,
                        else as an admin's manual order (sample companies take no orders)
  product/create        a new digital product
  product/update        edits a product's description
  product/delete        deletes a product
  subscriber/create     a new subscriber
  subscriber/update     edits a subscriber
  groupmember/create    an access group and a member
  groupmember/update    edits a member
  newsrecipient/create  a newsletter recipient
  newsrecipient/update  edits a recipient

app/uninstalled and app/update come from uninstalling an app or changing its permissions: trigger does not fake them.`,
  arguments: [{ name: 'topic', description: 'a webhook topic from the list above (orders/create is accepted too)', required: true, suggest: WEBHOOK_TOPICS }],
  options: {
    company: { value: 'ID', description: 'the shop company', required: true },
    id: { value: 'ID', description: 'the object to edit or delete (update and delete topics)' },
    json: jsonOption('{"topic", "companyId", "object", "done", "events", "dispatcherPid"}'),
  },
  examples: ['trigger order/create --company 5', 'trigger product/update --company 5 --id 17 --json'],
  async run({ values, positionals, io, openPlatform }) {
    const topic = canonicalWebhookTopic(positionals[0]);
    if (topic === null) throw new UsageError(`"${positionals[0]}" is not a webhook topic (one of ${WEBHOOK_TOPICS.join(', ')})`);
    if (topic === 'app/uninstalled' || topic === 'app/update') throw new UsageError(`${topic} ${APP_TOPICS_EXPLAINED}`);
    const companyId = positiveInt(required(values, 'company'), 'company')!;
    const id = positiveInt(str(values, 'id'), 'id');
    if (id !== undefined && topic.endsWith('/create')) throw new UsageError(`--id is for update and delete topics; ${topic} always makes a new object`);
    const platform = openPlatform('none');
    try {
      const before = platform.webhookDeliveries.latestEventId();
      // One transaction around the services' own: a trigger that fails half-way (a closed storefront after
      // the product to sell was made) leaves nothing behind. IMMEDIATE: the write lock from the start, so a
      // running `serve` is waited for instead of failing the trigger with "database is locked".
      const made = platform.atomically(() => ACTIONS[topic](platform, companyId, platform.ids.hex(4), id));
      const events = platform.webhookDeliveries.eventsSince(before);
      const pid = activeDispatcherPid(platform);
      if (values.json) {
        io.out(JSON.stringify({ topic, companyId, object: made.object, done: made.done, events, dispatcherPid: pid }));
      } else {
        for (const line of made.done) io.out(line);
        if (events.length === 0) io.out(`no active webhook of company ${companyId} listens to ${topic} (or the other topics fired): nothing to send`);
        for (const event of events) io.out(`${event.topic} -> webhook ${event.webhookId} (${event.address}): event ${event.eventId}, ${event.messageId}`);
        if (events.length > 0) {
          io.out(pid ? `the dispatcher (process ${pid}) sends them now; see \`partnerdeck webhooks deliveries\`` : 'no dispatcher runs for this folder: they are queued and go out when a serve, console or the desktop app starts');
        }
      }
      return 0;
    } finally {
      platform.close();
    }
  },
};
