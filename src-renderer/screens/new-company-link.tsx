// The "New company" button (a link to #/companies/new) of the client list and the partner's overview.
import { href } from '../router/routes';
import { Icon } from '../ui/icons';

export function NewCompanyLink({ testId }: { testId?: string }) {
  return (
    <a className="btn btn-primary" href={href({ name: 'company-new' })} data-testid={testId}>
      <Icon name="plus" /> New company
    </a>
  );
}
