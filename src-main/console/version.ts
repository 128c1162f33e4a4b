// The app version, injected by the build (scripts/build.mjs); tests run from source and see "dev".
declare const __PARTNERDECK_VERSION__: string | undefined;

export const APP_VERSION: string = typeof __PARTNERDECK_VERSION__ === 'string' ? __PARTNERDECK_VERSION__ : '0.0.0-dev';
