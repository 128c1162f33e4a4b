import { describe, expect, it } from 'vitest';
import { destinationAfterSwitch } from '../../../../src-renderer/frame/switch-company';
import { clientSession, selfSession } from '../../../helpers/renderer-store';

describe('where a switch lands', () => {
  it('goes to the requested target (the drill-down opens the dashboard)', () => {
    expect(destinationAfterSwitch(clientSession(5), { name: 'sales', tab: 'clients' }, { name: 'store-dashboard' })).toEqual({ name: 'store-dashboard' });
  });

  it('stays on a screen the new company has, but not on an object of the company left behind', () => {
    const withStore = { ...clientSession(5), permissions: [...clientSession(5).permissions, 'products' as const] };
    expect(destinationAfterSwitch(withStore, { name: 'store', list: 'products', item: null })).toEqual({ name: 'store', list: 'products', item: null });
    expect(destinationAfterSwitch(withStore, { name: 'store', list: 'products', item: 12 })).toEqual({ name: 'overview' });
  });

  it('falls back to the overview when the screen is not available there', () => {
    expect(destinationAfterSwitch(selfSession, { name: 'store-dashboard' })).toEqual({ name: 'overview' });
    expect(destinationAfterSwitch(clientSession(5), { name: 'sales', tab: 'overview' })).toEqual({ name: 'overview' });
  });
});
