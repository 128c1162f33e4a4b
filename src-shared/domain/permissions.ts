// The admin areas a user can be granted, one permission each (spec §1).
export const PERMISSIONS = [
  'products',
  'orders',
  'customers',
  'reports',
  'billing',
  'apps',
  'settings',
  'users',
  'clients',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = {
  products: 'Products and categories',
  orders: 'Orders',
  customers: 'Customers and subscribers',
  reports: 'Reports and statistics',
  billing: 'Billing, invoices and credit notes',
  apps: 'Apps and extensions',
  settings: 'Company and shop settings',
  users: 'Users and permissions',
  clients: 'Client companies (partners only)',
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
