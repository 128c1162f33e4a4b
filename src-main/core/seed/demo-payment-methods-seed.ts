// The demo's payment methods on file (docs/billing.md "Payment methods"): the partners and most Direct clients have
// a card or SEPA mandate (the networks' and banks' published test numbers, entered through the service like a
// user would, so only their masked parts are stored); Kawaii Stationery and Tallinn Tech Gadgets have none, so a
// close preview shows the "awaiting payment details" warning and their documents say so. Via Partner clients are
// charged through Northwind's mandate. Expiry years follow the seed's clock, so the cards stay valid in a demo.
//
// The payment methods are on the asynchronous data layer (issue 21), but the demo seed is one synchronous SQLite
// transaction (seedDemoIfEmpty): each entry is checked as the service checks it (`checkPaymentMethod`, masked by
// `rowOf`) and written at once (`runNow`) with the service's audit entry.
import { actorLabel, OPERATOR } from '../access';
import { sqliteOf } from '../db/sqlite-data';
import type { Platform } from '../platform';
import { internalsOf } from '../platform-internals';
import { putPaymentMethod } from '../repositories/payment-methods-repository';
import { rowOf } from '../services/billing/payment-methods-service';
import { checkPaymentMethod, clockDayOf, paymentMethodLabel, type PaymentMethodEntry } from '../../../src-shared/domain/payment-methods';

export function seedDemoPaymentMethods(platform: Platform): void {
  const today = clockDayOf(platform.clock.now());
  const year = (ahead: number) => String((today.year + ahead) % 100).padStart(2, '0');
  const signed = (monthDay: string) => `${today.year - 1}-${monthDay}`;
  const methods: [company: string, entry: PaymentMethodEntry][] = [
    ['Northwind Commerce Partners GmbH', { kind: 'sepa', iban: 'DE16 3704 0044 0532 0144 11', holder: 'Northwind Commerce Partners GmbH', mandateReference: 'NW-PLATFORM-0042', signedOn: signed('03-14') }],
    ['Meridian Digital Partners Ltd', { kind: 'card', number: '5555 5555 5555 4444', expiry: `09/${year(2)}`, holder: 'Grace Okafor' }],
    ['Alpenglück Naturkosmetik GmbH', { kind: 'sepa', iban: 'AT61 1904 3002 3457 3201', holder: 'Alpenglück Naturkosmetik GmbH', mandateReference: 'ALP-0007', signedOn: signed('06-02') }],
    ['Nordlys Outdoor AS', { kind: 'card', number: '4242 4242 4242 4242', expiry: `04/${year(1)}`, holder: 'Ingrid Solberg' }],
    ['Pixel & Paper Studio Ltd', { kind: 'card', number: '3782 822463 10005', expiry: `11/${year(3)}`, holder: 'Ethan Hughes' }],
    ['Harbor Coffee Roasters Inc', { kind: 'card', number: '4000 0566 5566 5556', expiry: `02/${year(2)}`, holder: 'Maya Lopez' }],
    ['Summit Sports (Demo)', { kind: 'card', number: '4242 4242 4242 4242', expiry: `12/${year(2)}`, holder: 'Sam Demo' }],
  ];
  const { repos, data } = internalsOf(platform);
  const ids = new Map(repos.companies.listAll().map((c) => [c.name, c.id]));
  const now = platform.clock.now();
  for (const [name, entry] of methods) {
    const id = ids.get(name);
    if (id === undefined) continue;
    const checked = checkPaymentMethod(entry, today);
    if (!checked.ok) throw new Error(`demo payment method of ${name}: ${JSON.stringify(checked.fields)}`);
    sqliteOf(data).runNow(putPaymentMethod, rowOf(id, checked.method, now, actorLabel(OPERATOR)));
    repos.audit.record({ company_id: id, actor: actorLabel(OPERATOR), action: 'payment_method.set', detail: { kind: checked.method.kind, method: paymentMethodLabel(checked.method), replaced: null }, created_at: now });
  }
}
