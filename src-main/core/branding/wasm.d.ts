// esbuild's binary loader (scripts/build.mjs) and the test config's plugin (vitest.config.ts) turn an imported
// .wasm file into its bytes.
declare module '*.wasm' {
  const bytes: Uint8Array;
  // eslint-disable-next-line no-restricted-exports
  export default bytes;
}
