// The foundation area's screens: loaded on first use, in a chunk of their own (see ../../lazy-screens.tsx). Only
// re-exports: what the manifest (index.tsx) needs at start-up stays out of this module (the overview, the first
// screen of a launch, is imported by the manifest itself).
export { ClientCompanyScreen } from '../../screens/client-company-screen';
export { CompaniesScreen } from '../../screens/companies-screen';
export { CompanyNewScreen } from '../../screens/company-new-screen';
export { CompanyPartnerScreen } from '../../screens/company-partner-screen';
export { CompanySettingsScreen } from '../../screens/company-settings-screen';
export { OutboxScreen } from '../../screens/outbox-screen';
export { PartnerRequestsScreen } from '../../screens/partner-requests-screen';
export { PlatformSettingsScreen } from '../../screens/platform-settings-screen';
export { UsersScreen } from '../../screens/users-screen';
