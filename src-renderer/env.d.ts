// Ambient declarations for the renderer bundle: assets esbuild turns into data URLs, and build constants.
declare module '*.svg' {
  const url: string;
  // esbuild's dataurl loader exposes the asset as the default export; nothing else can name it.
  // eslint-disable-next-line no-restricted-exports
  export default url;
}

declare const __PARTNERDECK_VERSION__: string;
