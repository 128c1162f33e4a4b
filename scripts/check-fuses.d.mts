export const FUSE_NAMES: Record<string, string>;
export function findPackagedBinary(path: string): string | null;
export function configuredFuses(ymlText: string): Record<string, boolean>;
