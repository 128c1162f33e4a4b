export function releasePlan(platform?: NodeJS.Platform, env?: NodeJS.ProcessEnv): { args: string[]; notes: string[] };
