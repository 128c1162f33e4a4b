// What the console service needs from a host that shows embedded apps in native views (the Electron shell
// implements it with WebContentsViews; browser mode has none and frames a wrapper page instead). The console
// decides what may be shown and signs the URL; the host only places, moves and removes views.
import type { EmbedBounds, EmbedTarget } from '../../src-shared/api/embedded-app-types';

export interface EmbedViewHost {
  /** Shows `target` in the view named `slot` (replacing what it showed), at `bounds` (null: hidden). */
  show(slot: string, target: EmbedTarget, bounds: EmbedBounds | null): void;
  /** Moves a view, or hides it with null; false when there is no such view. */
  setBounds(slot: string, bounds: EmbedBounds | null): boolean;
  /** Removes one view, or every view with null; returns how many were removed. */
  close(slot: string | null): number;
}
