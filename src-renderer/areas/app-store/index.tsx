// The App Store area in the renderer: Extensions / App Store (browse, install, the installed apps), My Apps
// (the acting shop's listings) and the platform operator's App review, with the apps slice; installs,
// listings and authorizations refresh what is shown.
import { useEffect } from 'react';
import { allowIf, defineRendererArea, isPath, OPEN, positiveInt, routeDef } from '../../area';
import { createAppsSlice, type AppsActions, type AppsState } from '../../state/apps-slice';
import { useActions, useApp } from '../../state/store-context';
import { CountBadge } from '../../ui/badges';
import { isAppListEvent } from './app-events';

declare module '../../state/store' {
  interface AreaSlices {
    apps: { state: AppsState; actions: AppsActions };
  }
}

/** The operator's count of listings waiting for review (loaded for the operator, again for each user). */
function ReviewPendingBadge() {
  const pending = useApp((s) => s.apps.reviewPending);
  const userId = useApp((s) => s.session.info?.user?.id ?? null);
  const { loadReviewPending } = useActions();
  useEffect(() => {
    void loadReviewPending();
  }, [userId, loadReviewPending]);
  return <CountBadge count={pending ?? 0} label={`${pending ?? 0} waiting for review`} testId="review-pending-count" />;
}

export const appStoreArea = defineRendererArea({
  name: 'appStore',
  screenModule: () => import('./screens'),
  routes: {
    /** The App Store: browse, or the apps installed for the company / the partner's clients. */
    'app-store': routeDef<{ tab: 'browse' | 'installed' }>({
      parse(p) {
        if (isPath(p, 'extensions', 'store')) return { tab: 'browse' };
        return isPath(p, 'extensions', 'store', 'installed') ? { tab: 'installed' } : null;
      },
      path: (r) => (r.tab === 'installed' ? '/extensions/store/installed' : '/extensions/store'),
    }),
    /** My Apps: the shop's app and theme listings; `appId` opens one, 'new' the create form. */
    'my-apps': routeDef<{ appId: number | 'new' | null }>({
      parse(p) {
        if (isPath(p, 'extensions', 'my-apps')) return { appId: null };
        if (isPath(p, 'extensions', 'my-apps', 'new')) return { appId: 'new' };
        const appId = positiveInt(p[2]);
        return p.length === 3 && p[0] === 'extensions' && p[1] === 'my-apps' && appId !== null ? { appId } : null;
      },
      path: (r) => (r.appId === null ? '/extensions/my-apps' : `/extensions/my-apps/${r.appId}`),
    }),
    'app-review': routeDef({ parse: (p) => (isPath(p, 'operator', 'app-review') ? {} : null), path: () => '/operator/app-review' }),
  },
  screens: (S) => ({
    'app-store': (r) => <S.AppStoreScreen tab={r.tab} />,
    'my-apps': (r) => <S.MyAppsScreen appId={r.appId} />,
    'app-review': () => <S.AppReviewScreen />,
  }),
  access: {
    'app-store': (_r, caps) => allowIf(caps.appStore),
    'my-apps': (_r, caps) => (!caps.appStore ? { ok: false, reason: 'permission' } : caps.myApps ? OPEN : { ok: false, reason: 'store-locked' }),
    'app-review': (_r, caps) => allowIf(caps.appReview),
  },
  lockedTitle: { 'my-apps': () => 'My Apps' },
  nav: [
    { section: 'extensions', order: 1, route: { name: 'app-store', tab: 'browse' }, icon: 'sparkle', label: 'App Store', testId: 'nav-app-store', show: (caps) => caps.appStore },
    { section: 'extensions', order: 2, route: { name: 'my-apps', appId: null }, icon: 'code', label: 'My Apps', testId: 'nav-my-apps', show: (caps) => caps.appStore, locked: (caps) => !caps.myApps },
    { section: 'operator', order: 0, route: { name: 'app-review' }, icon: 'shield', label: 'App review', testId: 'nav-app-review', show: (caps) => caps.appReview, badge: () => <ReviewPendingBadge /> },
  ],
  slices: { apps: createAppsSlice },
  onEvent(event, store) {
    if (isAppListEvent(event)) store.getState().actions.refreshApps();
  },
});
