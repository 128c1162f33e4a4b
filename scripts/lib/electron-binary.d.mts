export function findElectronBinary(root: string, env?: NodeJS.ProcessEnv): { path: string; reason?: undefined } | { path?: undefined; reason: string };
