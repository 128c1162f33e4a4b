// Users & permissions of the acting company (#/company/users).
import { useApp } from '../state/store-context';
import { PageHeader } from '../ui/page';
import { SkeletonBlock } from '../ui/states';
import { UsersManager } from './users-manager';

export function UsersScreen({ addUser }: { addUser: boolean }) {
  const acting = useApp((s) => s.session.info?.acting ?? null);
  if (!acting) return <SkeletonBlock />;
  return (
    <div className="page" data-testid="users-screen">
      <PageHeader title="Users & permissions" subtitle={`People who can sign in to ${acting.name}'s admin, and what each may do.`} />
      <UsersManager companyId={acting.id} companyName={acting.name} companyIsPartner={acting.isPartner} addUserInitially={addUser} />
    </div>
  );
}
